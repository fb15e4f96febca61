import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import {
  DEFAULT_LIMITS,
  attacks,
  rawSocket,
  underAttack,
  wsRun,
  type OpResult,
  type RawSocket,
} from '../support/abuse';
import { codeOf, gql, until, wsClient } from '../support/client';
import { TEST_DATABASE_URL } from '../support/databases';
import { signUp, type TestUser } from '../support/users';

const MODE = TEST_DATABASE_URL ? 'postgres' : 'pglite';
const ALLOWED_ORIGIN = 'https://chat.example.org';
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;
const LOG_IN = `mutation($u: String!, $p: String!) { logIn(input: { username: $u, password: $p }) { user { id } } }`;
const CONV_EVENTS = `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { id text } } } }`;

/** One node with the documented default limits (sign-ups relaxed: the suite signs up many users). */
describe('abuse resistance: one node, default limits', () => {
  let app: TestApp;
  let bystander: TestUser;
  const clients: Client[] = [];
  const sockets: RawSocket[] = [];

  const ws = (u: TestUser) => {
    const c = wsClient(app.url, u.token);
    clients.push(c);
    return c;
  };
  const raw = (opts: Parameters<typeof rawSocket>[1]) => {
    const s = rawSocket(app.url, opts);
    sockets.push(s);
    return s;
  };
  /** Runs `attack` while the bystander queries; the bystander must get every answer within 3 s. */
  const guarded = async <T>(attack: () => Promise<T>): Promise<T> => {
    const { result, bystander: b } = await underAttack(app.url, bystander, attack, 3000);
    expect(b.failures).toEqual([]);
    expect(b.latencies.length).toBeGreaterThan(0);
    return result;
  };
  const direct = async (a: TestUser, b: TestUser): Promise<string> => {
    const r = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
      { u: b.id },
      a.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!['openDirectConversation'].id;
  };
  /** What is stored in a conversation: its lastSeq and message ids. */
  const stored = async (u: TestUser, c: string) => {
    const r = await gql(
      app.url,
      `query($c: ID!) { conversation(id: $c) { lastSeq } messages(conversationId: $c, limit: 200) { messages { id text } } }`,
      { c },
      u.token,
    );
    expect(r.errors).toBeUndefined();
    return {
      lastSeq: r.data!['conversation'].lastSeq as number,
      texts: r.data!['messages'].messages.map((m: any) => m.text),
    };
  };
  const send = (u: TestUser, c: string, text: string, id = `m-${Math.random().toString(36).slice(2)}`) =>
    gql(app.url, SEND, { i: { conversationId: c, clientMessageId: id, text } }, u.token);
  const sendWs = (client: Client, c: string, text: string, id = `m-${Math.random().toString(36).slice(2)}`) =>
    wsRun(client, SEND, { i: { conversationId: c, clientMessageId: id, text } });

  beforeAll(async () => {
    app = await startTestApp(MODE, {
      ...DEFAULT_LIMITS,
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      BLOCKED_WORDS: 'spam, scam',
    });
    bystander = await signUp(app.url, 'bystander');
  }, 120_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    for (const s of sockets.splice(0)) s.ws.terminate();
  });
  afterAll(() => app?.stop());

  describe('operation limits', () => {
    let user: TestUser;
    let other: TestUser;
    let conv: string;
    beforeAll(async () => {
      user = await signUp(app.url, 'ops');
      other = await signUp(app.url, 'ops');
      conv = await direct(user, other);
      expect((await send(user, conv, 'before the attacks')).errors).toBeUndefined();
    });

    const bothTransports = async (query: string, variables: Record<string, unknown> = {}) => {
      const client = ws(user);
      const [http, overWs] = await guarded(() =>
        Promise.all([gql(app.url, query, variables, user.token), wsRun(client, query, variables)]),
      );
      return { http, ws: overWs };
    };

    it('refuses an alias flood of 100 sendMessage on both transports and stores nothing', async () => {
      const before = await stored(user, conv);
      const { http, ws: overWs } = await bothTransports(attacks.aliasFlood(100), { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors![0]!.message).toMatch(/aliases/i);
        expect(r.data ?? null).toBeNull();
      }
      expect(http.status).toBe(400);
      expect(await stored(user, conv)).toEqual(before);
    });

    it('refuses a depth bomb on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.depthBomb(30), { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
      }
    });

    it('refuses a fragment cycle as a validation error on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.fragmentCycle, { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/cannot spread fragment|cycle/i);
      }
    });

    it('refuses a token flood on both transports with the same code', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.tokenFlood(20_000));
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_PARSE_FAILED');
        expect(r.errors![0]!.message).toMatch(/5000 tokens/);
      }
    });

    it('refuses a directive flood on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.directiveFlood(200));
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/directives.*limit|limit.*directives/i);
      }
    });

    it('refuses nested first: 200 lists over the cost limit on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.costly);
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/cost limit of 20000/i);
        expect(r.data ?? null).toBeNull();
      }
      // The same shape with small lists runs.
      const small = await gql(
        app.url,
        `{ conversations(first: 5) { conversations { id members(first: 5) { user { id } } } } }`,
        {},
        user.token,
      );
      expect(small.errors).toBeUndefined();
    });

    it('refuses a 1000-operation HTTP batch with 400 and runs none of it', async () => {
      const before = await stored(user, conv);
      const batch = Array.from({ length: 1000 }, (_, i) => ({
        query: SEND,
        variables: { i: { conversationId: conv, clientMessageId: `batch-${i}`, text: `batch ${i}` } },
      }));
      const res = await guarded(() =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
          body: JSON.stringify(batch),
        }),
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/batch/i);
      expect(await stored(user, conv)).toEqual(before);
    });
  });

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

  describe('rate limits and spam', () => {
    /** 40 sends at once against a burst of 20 at 10/s: the burst passes, most of the rest are refused. */
    const expectBurst = (ok: number, limited: number) => {
      expect(ok).toBeGreaterThanOrEqual(20);
      expect(ok).toBeLessThanOrEqual(32);
      expect(limited).toBeGreaterThanOrEqual(8);
    };

    it('limits sendMessage over HTTP to the burst, with retryAfterMs, storing only accepted messages', async () => {
      const [user, other] = [await signUp(app.url, 'rate'), await signUp(app.url, 'rate')];
      const conv = await direct(user, other);
      const results = await guarded(() =>
        Promise.all(Array.from({ length: 40 }, (_, i) => send(user, conv, `burst ${i}`))),
      );
      const ok = results.filter((r) => !r.errors);
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      expect(ok.length + limited.length).toBe(40);
      // The burst of 20 passes; a slow machine may let the 10/s rate refill a few more before the last arrive.
      expectBurst(ok.length, limited.length);
      for (const r of limited) expect(r.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      const after = await stored(user, conv);
      expect(after.lastSeq).toBe(ok.length);
      expect(after.texts).toHaveLength(ok.length);
      // The other user is not affected.
      expect((await send(other, conv, 'still fine')).errors).toBeUndefined();
    });

    it('limits sendMessage over WebSocket the same way', async () => {
      const [user, other] = [await signUp(app.url, 'ratews'), await signUp(app.url, 'ratews')];
      const conv = await direct(user, other);
      const client = ws(user);
      const results = await guarded(() =>
        Promise.all(Array.from({ length: 40 }, (_, i) => sendWs(client, conv, `burst ${i}`))),
      );
      const ok = results.filter((r) => !r.errors);
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      expect(ok.length + limited.length).toBe(40);
      expectBurst(ok.length, limited.length);
      for (const r of limited) expect(r.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      expect((await stored(user, conv)).lastSeq).toBe(ok.length);
    });

    it('refuses the same text sent more than 5 times in 30 s across conversations, on both transports', async () => {
      const [user, a, b, c] = await Promise.all([1, 2, 3, 4].map(() => signUp(app.url, 'dup')));
      const convs = await Promise.all([a, b, c].map((o) => direct(user!, o!)));
      const text = 'Hello from the same script';
      const outcomes: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await send(user!, convs[i % 3]!, text);
        outcomes.push(codeOf(r) ?? 'ok');
      }
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      const http = await guarded(() => send(user!, convs[2]!, text));
      expect(codeOf(http)).toBe('RATE_LIMITED');
      expect(http.errors![0]!.message).toMatch(/same message/i);
      expect(http.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      const overWs = await sendWs(ws(user!), convs[0]!, text);
      expect(codeOf(overWs)).toBe('RATE_LIMITED');
      // A different text still goes through; nothing refused was stored.
      expect((await send(user!, convs[0]!, 'something else')).errors).toBeUndefined();
      const counts = await Promise.all(convs.map((cv) => stored(user!, cv)));
      expect(counts.map((s) => s.texts.filter((t: string) => t === text).length)).toEqual([2, 2, 1]);
    });

    it('refuses text with a blocked word (whole word, any case or accent) on both transports', async () => {
      const [user, other] = [await signUp(app.url, 'words'), await signUp(app.url, 'words')];
      const conv = await direct(user, other);
      const http = await guarded(() => send(user, conv, 'Buy cheap SPÁM today'));
      expect(codeOf(http)).toBe('BAD_USER_INPUT');
      expect(http.errors![0]!.extensions!['fields']).toEqual({ text: expect.stringMatching(/blocked/) });
      const overWs = await sendWs(ws(user), conv, 'this is a scam.');
      expect(codeOf(overWs)).toBe('BAD_USER_INPUT');
      expect(overWs.errors![0]!.extensions!['fields']).toHaveProperty('text');
      expect((await send(user, conv, 'the spammer was banned')).errors).toBeUndefined();
      expect((await stored(user, conv)).texts).toEqual(['the spammer was banned']);
    });

    it('blocks a username after 10 failed log-ins, even for the right password, with retryAfterMs', async () => {
      const victim = await signUp(app.url, 'victim');
      const results = await guarded(async () => {
        const out = [];
        for (let i = 0; i < 10; i++)
          out.push(await gql(app.url, LOG_IN, { u: victim.username, p: `guess-${i}-wrong` }));
        return out;
      });
      expect(results.map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const right = await gql(app.url, LOG_IN, { u: victim.username, p: 'correct horse' });
      expect(codeOf(right)).toBe('RATE_LIMITED');
      const retry = right.errors![0]!.extensions!['retryAfterMs'] as number;
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60 * 1000);
      // Other accounts still log in.
      const fine = await signUp(app.url, 'fine');
      expect((await gql(app.url, LOG_IN, { u: fine.username, p: 'correct horse' })).errors).toBeUndefined();
    });

    it('blocks a username after 10 failed log-ins over WebSocket too', async () => {
      const [attacker, victim] = [await signUp(app.url, 'attacker'), await signUp(app.url, 'victim')];
      const client = ws(attacker);
      const results = await guarded(async () => {
        const out = [];
        for (let i = 0; i < 10; i++)
          out.push(await wsRun(client, LOG_IN, { u: victim.username, p: `guess-${i}-wrong` }));
        return out;
      });
      expect(results.map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const right = await wsRun(client, LOG_IN, { u: victim.username, p: 'correct horse' });
      expect(codeOf(right)).toBe('RATE_LIMITED');
      expect(right.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      // Over HTTP as well: the block is per username, whatever the transport.
      expect(codeOf(await gql(app.url, LOG_IN, { u: victim.username, p: 'correct horse' }))).toBe('RATE_LIMITED');
    });
  });
});

/** Volume on one socket, on a node whose sends are not rate limited (the volume is the point). */
describe('abuse resistance: subscriptions and slow consumers', () => {
  let app: TestApp;
  const BUFFER_LIMIT = 1_048_576;

  const sockets: RawSocket[] = [];
  const direct = async (a: TestUser, b: TestUser): Promise<string> =>
    (await gql(app.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: b.id }, a.token)).data![
      'openDirectConversation'
    ].id;

  beforeAll(async () => {
    // Sends and the per-socket operation rate stay relaxed; the subscription and buffer limits do not.
    app = await startTestApp(MODE, { WS_MAX_SUBSCRIPTIONS: '100', WS_MAX_BUFFERED_BYTES: String(BUFFER_LIMIT) });
  }, 120_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.ws.terminate();
  });
  afterAll(() => app?.stop());

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
});
