import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../support/app';
import { rawSocket, underAttack, type RawSocket } from '../../support/abuse';
import { gql, until } from '../../support/client';
import { signUp, type TestUser } from '../../support/users';
import { ALLOWED_ORIGIN, MODE, SEND, type DefaultLimitsNode } from './fixture';

const CONV_EVENTS = `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { id text } } } }`;

/**
 * The WebSocket transport on the default-limits node: frame size, handshake timeout, sockets per user,
 * operation rate and origins.
 */
export function websocketLimitTests(node: DefaultLimitsNode): void {
  const { app, raw, guarded } = node;

  describe('WebSocket transport limits', () => {
    it('closes a socket that sends a 1 MB frame with 1009', async () => {
      const user = await signUp(app.url, 'frame');
      const s = raw({ token: user.token });
      await s.acked;
      const closed = await guarded(async () => {
        s.subscribe('big', `{ me { id } }`, { pad: 'x'.repeat(1_048_576) });
        return s.closed;
      });
      expect(closed.code).toBe(1009);
    });

    it('closes a socket that never sends connection_init with 4408 after about 3 s', async () => {
      const started = Date.now();
      const s = raw({ init: false });
      const closed = await guarded(() => s.closed);
      const after = Date.now() - started;
      expect(closed.code).toBe(4408);
      expect(after).toBeGreaterThanOrEqual(2500);
      expect(after).toBeLessThan(6000);
    });

    it('closes the 21st socket of a user with 4429 while the first 20 keep working', async () => {
      const user = await signUp(app.url, 'sockets');
      const first = Array.from({ length: 20 }, () => raw({ token: user.token }));
      await Promise.all(first.map((s) => s.acked));
      const extra = raw({ token: user.token });
      const closed = await guarded(() => extra.closed);
      expect(closed.code).toBe(4429);
      expect(closed.reason).toMatch(/at most 20/);
      first[0]!.subscribe('me', `{ me { id } }`);
      await until(() => first[0]!.messages.some((m) => m.type === 'next'));
      expect(first[0]!.messages.find((m) => m.type === 'next').payload.data.me.id).toBe(user.id);
      // Closing one frees its place.
      first[1]!.ws.close();
      await first[1]!.closed;
      // The server counts the close when its side of the socket ends: retry until a place is free.
      let admitted = false;
      for (let i = 0; i < 50 && !admitted; i++) {
        admitted = await raw({ token: user.token }).acked.then(
          () => true,
          () => false,
        );
      }
      expect(admitted).toBe(true);
      expect(first.filter((s) => s.closeCode !== undefined)).toHaveLength(1);
    });

    it('refuses operations over the per-socket rate with RATE_LIMITED and retryAfterMs', async () => {
      const user = await signUp(app.url, 'oprate');
      const s = raw({ token: user.token });
      await s.acked;
      await guarded(async () => {
        for (let i = 0; i < 80; i++) s.subscribe(`q${i}`, `{ me { id } }`);
        await until(() => s.messages.filter((m) => m.type === 'complete' || m.type === 'error').length >= 80);
      });
      const limited = s.messages.filter((m) => m.type === 'error');
      expect(limited.length).toBe(30);
      for (const e of limited) {
        expect(e.payload[0].extensions.code).toBe('RATE_LIMITED');
        expect(e.payload[0].extensions.retryAfterMs).toBeGreaterThan(0);
        expect(e.payload[0].extensions.retryAfterMs).toBeLessThanOrEqual(1000);
      }
      expect(s.messages.filter((m) => m.type === 'next')).toHaveLength(50);
      // After the window the socket works again.
      const wait = limited[0].payload[0].extensions.retryAfterMs as number;
      await new Promise((r) => setTimeout(r, wait + 50));
      s.subscribe('later', `{ me { id } }`);
      await until(() => s.messages.some((m) => m.id === 'later' && m.type === 'next'));
      expect(s.closeCode).toBeUndefined();
    });

    it('refuses an upgrade from an origin outside CORS_ORIGINS, accepts listed and same origins', async () => {
      const user = await signUp(app.url, 'origin');
      const foreign = raw({ token: user.token, origin: 'https://evil.example.com' });
      const closed = await guarded(() => foreign.closed);
      expect(closed.code).toBe(-403);
      const listed = raw({ token: user.token, origin: ALLOWED_ORIGIN });
      await listed.acked;
      const same = raw({ token: user.token, origin: app.url });
      await same.acked;
      const none = raw({ token: user.token });
      await none.acked;
    });
  });
}

/** Subscriptions per socket and consumers that stop reading, on a node of their own (see abuse.test.ts). */
export function slowConsumerTests(): void {
  const BUFFER_LIMIT = 1_048_576;
  // Sends and the per-socket operation rate stay relaxed; the subscription and buffer limits do not.
  const app = useTestApp(MODE, { WS_MAX_SUBSCRIPTIONS: '100', WS_MAX_BUFFERED_BYTES: String(BUFFER_LIMIT) }, 120_000);

  const sockets: RawSocket[] = [];
  const direct = async (a: TestUser, b: TestUser): Promise<string> =>
    (await gql(app.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: b.id }, a.token)).data![
      'openDirectConversation'
    ].id;

  afterEach(() => {
    for (const s of sockets.splice(0)) s.ws.terminate();
  });

  it('accepts 100 subscriptions on one socket, refuses the excess, and keeps the first delivering', async () => {
    const [user, other, bystander] = await Promise.all([1, 2, 3].map(() => signUp(app.url, 'subs')));
    const conv = await direct(user!, other!);
    const s = rawSocket(app.url, { token: user!.token });
    sockets.push(s);
    await s.acked;
    const { bystander: b } = await underAttack(app.url, bystander!, async () => {
      for (let i = 0; i < 200; i++) s.subscribe(`s${i}`, CONV_EVENTS, { c: conv });
      await until(() => s.messages.filter((m) => m.type === 'error').length >= 100, 10_000);
    });
    expect(b.failures).toEqual([]);
    const errors = s.messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(100);
    expect(new Set(errors.map((m) => m.id))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `s${i + 100}`)));
    for (const e of errors) {
      expect(e.payload[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(e.payload[0].message).toMatch(/at most 100 active operations/i);
    }
    expect(s.closeCode).toBeUndefined();
    expect(
      (
        await gql(
          app.url,
          SEND,
          { i: { conversationId: conv, clientMessageId: 'every', text: 'to every subscription' } },
          other!.token,
        )
      ).errors,
    ).toBeUndefined();
    await until(() => s.messages.filter((m) => m.type === 'next').length >= 100);
    const got = s.messages.filter((m) => m.type === 'next');
    expect(new Set(got.map((m) => m.id))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `s${i}`)));
    expect(got.every((m) => m.payload.data.conversationEvents.message.text === 'to every subscription')).toBe(true);
  });

  it('closes a socket that stops reading with 1013 instead of buffering 50 MB', async () => {
    const [reader, writer, bystander] = await Promise.all([1, 2, 3].map(() => signUp(app.url, 'slow')));
    const conv = (
      await gql(
        app.url,
        `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
        { u: reader!.id },
        writer!.token,
      )
    ).data!['openDirectConversation'].id as string;
    const s = rawSocket(app.url, { token: reader!.token });
    try {
      await s.acked;
      // 100 subscriptions to the same conversation: each 10 KB message is 1 MB of frames for this socket.
      for (let i = 0; i < 100; i++) s.subscribe(`s${i}`, CONV_EVENTS, { c: conv });
      const sendOne = (i: number) =>
        gql(
          app.url,
          SEND,
          { i: { conversationId: conv, clientMessageId: `big-${i}`, text: `${i} ${'x'.repeat(9_990)}` } },
          writer!.token,
        );
      expect((await sendOne(0)).errors).toBeUndefined();
      await until(() => s.messages.filter((m) => m.type === 'next').length >= 100);
      s.ws.pause();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const { bystander: b } = await underAttack(app.url, bystander!, async () => {
        for (let i = 1; i <= 50; i++) {
          expect((await sendOne(i)).errors).toBeUndefined();
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        }
      });
      expect(b.failures).toEqual([]);
      // 50 MB were published to the socket; the server held at most about the limit of it.
      expect(rssPeak - rssBefore).toBeLessThan(40 * 1_048_576);
      s.ws.resume();
      const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      expect(closed?.code).toBe(1013);
      expect(s.bytes).toBeLessThan(25 * 1_048_576);
    } finally {
      s.ws.terminate();
    }
  }, 60_000);
}
