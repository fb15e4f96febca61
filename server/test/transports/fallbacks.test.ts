import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, until } from '../support/client';
import { signUp, type TestUser } from '../support/users';
import { sse } from './transports';

const POLL_INBOX = `query($cursor: String, $w: Int) { pollInboxEvents(cursor: $cursor, waitMs: $w) {
  events { __typename conversationId seq ... on MessageAdded { message { text } } } cursor } }`;
const POLL = `query($c: ID!, $a: Int!, $w: Int) { pollConversationEvents(conversationId: $c, afterSeq: $a, waitMs: $w) {
  events { seq } lastSeq } }`;

/** Opens a raw SSE request and resolves with its status and headers. */
async function rawStream(url: string, body: object, token?: string) {
  const res = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return res;
}

describe('fallback transports', () => {
  let app: TestApp;
  let ana: TestUser;
  let ben: TestUser;
  let group: string;
  const send = (text: string) =>
    gql(
      app.url,
      `mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }`,
      {
        i: { conversationId: group, clientMessageId: randomUUID(), text },
      },
      ana.token,
    );

  beforeAll(async () => {
    app = await startTestApp('pglite', { WS_MAX_SOCKETS_PER_USER: '2', MAX_DEPTH: '6' });
    [ana, ben] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben')];
    const r = await gql(
      app.url,
      `mutation($m: [ID!]!) { createGroup(input: { title: "G", memberIds: $m }) { id } }`,
      { m: [ben.id] },
      ana.token,
    );
    group = r.data!['createGroup'].id;
  }, 120_000);
  afterAll(() => app?.stop());

  describe('SSE', () => {
    const SUB = { query: `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq } }`, variables: {} };

    it('refuses a missing or bad token with 401 and UNAUTHENTICATED', async () => {
      for (const token of [undefined, 'not-a-token']) {
        const res = await rawStream(app.url, { ...SUB, variables: { c: group } }, token);
        expect(res.status).toBe(401);
        expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('applies the operation pipeline: an over-deep document fails validation', async () => {
      const deep = `subscription($c: ID!) { conversationEvents(conversationId: $c) { ... on MessageAdded { message {
        replyTo { replyTo { replyTo { replyTo { replyTo { replyTo { id } } } } } } } } } }`;
      const res = await rawStream(app.url, { query: deep, variables: { c: group } }, ben.token);
      const text = await res.text();
      expect(text).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('caps the open streams per user, and counts a stream as a connection for presence', async () => {
      const a = sse.follow(app.url, ben, group, null);
      const b = sse.follow(app.url, ben, group, null);
      await until(async () => {
        const r = await gql(
          app.url,
          'query($u: ID!) { user(id: $u) { presence { status } } }',
          { u: ben.id },
          ana.token,
        );
        return r.data?.['user']?.presence?.status === 'ONLINE';
      });
      const third = await rawStream(app.url, { ...SUB, variables: { c: group } }, ben.token);
      expect(third.status).toBe(429);
      a.stop();
      b.stop();
    });

    it('closes a stream when its session ends', async () => {
      const carl = await signUp(app.url, 'carl');
      const dm = await gql(
        app.url,
        `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
        { u: ana.id },
        carl.token,
      );
      const r = sse.follow(app.url, carl, dm.data!['openDirectConversation'].id, null);
      // The stream counts for presence once it is open.
      await until(async () => {
        const p = await gql(
          app.url,
          'query($u: ID!) { user(id: $u) { presence { status } } }',
          { u: carl.id },
          ana.token,
        );
        return p.data?.['user']?.presence?.status === 'ONLINE';
      });
      await gql(app.url, 'mutation { logOut }', {}, carl.token);
      await until(() => r.completed || r.errors.length > 0, 10_000);
      r.stop();
    });
  });

  describe('long-poll', () => {
    it('answers at once when events are stored after the cursor, else when one arrives', async () => {
      const { seq } = (await send('stored')).data!['sendMessage'];
      const at = Date.now();
      const now = await gql(app.url, POLL, { c: group, a: seq - 1, w: 20_000 }, ben.token);
      expect(now.data!['pollConversationEvents']).toEqual({ events: [{ seq }], lastSeq: seq });
      expect(Date.now() - at).toBeLessThan(5000);
      const waiting = gql(app.url, POLL, { c: group, a: seq, w: 20_000 }, ben.token);
      // Nothing observable says the poll is parked; a moment lets it get there, and the assertion holds
      // either way (a message stored first is answered at once).
      await new Promise((res) => setTimeout(res, 300));
      await send('arrives');
      expect((await waiting).data!['pollConversationEvents']).toEqual({ events: [{ seq: seq + 1 }], lastSeq: seq + 1 });
    });

    it('answers empty with the same cursor when nothing arrives within waitMs', async () => {
      const last = (await send('x')).data!['sendMessage'].seq;
      const r = await gql(app.url, POLL, { c: group, a: last, w: 50 }, ben.token);
      expect(r.data!['pollConversationEvents']).toEqual({ events: [], lastSeq: last });
    });

    it('refuses bad waits and outsiders', async () => {
      expect(codeOf(await gql(app.url, POLL, { c: group, a: 0, w: 30_001 }, ben.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await gql(app.url, POLL, { c: group, a: -1, w: 10 }, ben.token))).toBe('BAD_USER_INPUT');
      const out = await signUp(app.url, 'out');
      expect(codeOf(await gql(app.url, POLL, { c: group, a: 0, w: 10 }, out.token))).toBe('NOT_FOUND');
    });

    it('polls every conversation with one cursor, including one joined after the cursor was made', async () => {
      const first = await gql(app.url, POLL_INBOX, { w: 10 }, ben.token);
      let cursor = first.data!['pollInboxEvents'].cursor as string;
      await send('inbox 1');
      const next = await gql(app.url, POLL_INBOX, { cursor, w: 5000 }, ben.token);
      expect(next.data!['pollInboxEvents'].events.map((e: any) => e.message?.text)).toEqual(['inbox 1']);
      cursor = next.data!['pollInboxEvents'].cursor;
      const dm = await gql(
        app.url,
        `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
        { u: ben.id },
        (await signUp(app.url, 'dee')).token,
      );
      expect(dm.errors).toBeUndefined();
      const g2 = await gql(
        app.url,
        `mutation($m: [ID!]!) { createGroup(input: { title: "New", memberIds: $m }) { id } }`,
        { m: [ben.id] },
        ana.token,
      );
      const joined = await gql(app.url, POLL_INBOX, { cursor, w: 5000 }, ben.token);
      const events = joined.data!['pollInboxEvents'].events as any[];
      expect(events.some((e) => e.conversationId === g2.data!['createGroup'].id)).toBe(true);
      expect(codeOf(await gql(app.url, POLL_INBOX, { cursor: 'forged', w: 10 }, ben.token))).toBe('BAD_USER_INPUT');
    });
  });
});
