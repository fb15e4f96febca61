import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgAccessTokenStore } from '../../src/adapters/postgres/access-token.store';
import { createDatabase, type Database } from '../../src/adapters/postgres/database';
import { hashAccessToken } from '@parley/core';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, record, until, wsClient } from '../support/client';
import { createTestDatabase } from '../support/databases';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const CREATE = `mutation($n: String!, $d: Int!) {
  createAccessToken(name: $n, expiresInDays: $d) { token accessToken { id name createdAt expiresAt lastUsedAt revokedAt } }
}`;
const LIST = `{ accessTokens { id name expiresAt lastUsedAt revokedAt } }`;
const REVOKE = `mutation($id: ID!) { revokeAccessToken(id: $id) }`;
const ME = `{ me { id username } }`;

/** Opens a socket with `token` and resolves with its close code once it closes (or null if acked and left open). */
function openSocket(baseUrl: string, token: string) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let acked = false;
  let closeCode: number | null = null;
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
  );
  socket.on('message', (data) => {
    if (JSON.parse(data.toString()).type === 'connection_ack') acked = true;
  });
  socket.on('close', (code) => (closeCode = code));
  return { socket, isAcked: () => acked, closeCode: () => closeCode };
}

// Runs on PostgreSQL so the test can forge an expired token through the store; skipped without it.
describe.skipIf(needs('postgres'))('personal access tokens', () => {
  let app: TestApp;
  let db: Database;
  let dropDb: () => Promise<void>;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    const test = await createTestDatabase();
    dropDb = test.drop;
    app = await startTestApp('pglite', {
      DATABASE_URL: test.url,
      JWT_SECRET: 'pat-secret-pat-secret-pat-secret-012345',
    });
    db = createDatabase({ connectionString: test.url, max: 1 });
    alice = await signUp(app.url, 'alice');
    bob = await signUp(app.url, 'bob');
  });
  afterAll(async () => {
    await db?.dispose();
    await app?.stop();
    await dropDb?.();
  });

  const create = async (name = 'ci bot', days = 30) => {
    const r = await gql(app.url, CREATE, { n: name, d: days }, alice.token);
    expect(r.errors).toBeUndefined();
    return r.data!['createAccessToken'] as { token: string; accessToken: Record<string, any> };
  };

  it('returns the secret once, lists tokens without it, and the token works over HTTP', async () => {
    const created = await create('deploy bot', 7);
    expect(created.token).toMatch(/^pat_[A-Za-z0-9_-]{40,}$/);
    expect(created.accessToken).toMatchObject({ name: 'deploy bot', lastUsedAt: null, revokedAt: null });
    const days =
      (Date.parse(created.accessToken['expiresAt']) - Date.parse(created.accessToken['createdAt'])) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const me = await gql(app.url, ME, {}, created.token);
    expect(me.data?.['me']).toEqual({ id: alice.id, username: alice.username });

    const list = await gql(app.url, LIST, {}, alice.token);
    const mine = (list.data!['accessTokens'] as Record<string, any>[]).find(
      (t) => t['id'] === created.accessToken['id'],
    );
    expect(mine).toMatchObject({ name: 'deploy bot', revokedAt: null });
    expect(mine!['lastUsedAt']).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(JSON.stringify(list)).not.toContain(hashAccessToken(created.token));
    // The secret cannot be asked for: the type has no such field.
    expect(codeOf(await gql(app.url, `{ accessTokens { id token } }`, {}, alice.token))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    // Another user sees none of them.
    const bobs = await gql(app.url, LIST, {}, bob.token);
    expect(bobs.data!['accessTokens']).toEqual([]);
    // Stored hashed: the table holds no secret.
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM access_tokens WHERE id = $1', [
      created.accessToken['id'],
    ]);
    expect(rows[0]!.token_hash).toBe(hashAccessToken(created.token));
  });

  it('works over WebSocket: a subscription receives events', async () => {
    const { token } = await create('ws bot');
    const conv = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id lastSeq } }`,
      { u: bob.id },
      alice.token,
    );
    const { id: conversationId, lastSeq } = conv.data!['openDirectConversation'] as { id: string; lastSeq: number };
    const client = wsClient(app.url, token);
    try {
      // From the snapshot's lastSeq, so a message sent before the subscription is live is replayed.
      const rec = record(
        client,
        `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { seq ... on MessageAdded { message { text } } } }`,
        { c: conversationId, a: lastSeq },
        'conversationEvents',
      );
      const sent = await gql(
        app.url,
        `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`,
        { i: { conversationId, clientMessageId: randomUUID(), text: 'hello bot' } },
        bob.token,
      );
      expect(sent.errors).toBeUndefined();
      const [event] = await rec.waitFor(1);
      expect(rec.errors).toEqual([]);
      expect(event).toMatchObject({ message: { text: 'hello bot' } });
    } finally {
      await client.dispose();
    }
  });

  it('revoking refuses HTTP at once and closes open sockets within 5 s', async () => {
    const { token, accessToken } = await create('revoke me');
    const ws = openSocket(app.url, token);
    await until(() => ws.isAcked(), 5000);

    const revoked = await gql(app.url, REVOKE, { id: accessToken['id'] }, alice.token);
    expect(revoked.data?.['revokeAccessToken']).toBe(true);
    const started = Date.now();
    expect(codeOf(await gql(app.url, ME, {}, token))).toBe('UNAUTHENTICATED');

    await until(() => ws.closeCode() !== null, 5000);
    expect(ws.closeCode()).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5000);
    // A new socket with it is refused before connection_ack.
    const again = openSocket(app.url, token);
    await until(() => again.closeCode() !== null, 5000);
    expect(again.isAcked()).toBe(false);
    expect(again.closeCode()).toBe(4403);

    const list = await gql(app.url, LIST, {}, alice.token);
    const row = (list.data!['accessTokens'] as Record<string, any>[]).find((t) => t['id'] === accessToken['id']);
    expect(row!['revokedAt']).not.toBeNull();
  });

  it('logging out closes the session’s open sockets too', async () => {
    const carol = await signUp(app.url, 'carol');
    const ws = openSocket(app.url, carol.token);
    await until(() => ws.isAcked(), 5000);
    expect((await gql(app.url, `mutation { logOut }`, {}, carol.token)).data?.['logOut']).toBe(true);
    await until(() => ws.closeCode() !== null, 5000);
    expect(ws.closeCode()).toBe(4403);
  });

  it('another user cannot revoke a token: NOT_FOUND, and the token keeps working', async () => {
    const { token, accessToken } = await create('not yours');
    expect(codeOf(await gql(app.url, REVOKE, { id: accessToken['id'] }, bob.token))).toBe('NOT_FOUND');
    expect(codeOf(await gql(app.url, REVOKE, { id: 'nope' }, alice.token))).toBe('NOT_FOUND');
    expect((await gql(app.url, ME, {}, token)).data?.['me'].id).toBe(alice.id);
  });

  it('refuses an expired token over HTTP and WebSocket', async () => {
    const store = createPgAccessTokenStore(db);
    const secret = `pat_${randomUUID().replace(/-/g, '')}expired`;
    await store.create({
      id: randomUUID(),
      userId: alice.id,
      name: 'old',
      tokenHash: hashAccessToken(secret),
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(codeOf(await gql(app.url, ME, {}, secret))).toBe('UNAUTHENTICATED');
    const ws = openSocket(app.url, secret);
    await until(() => ws.closeCode() !== null, 5000);
    expect(ws.isAcked()).toBe(false);
    expect(ws.closeCode()).toBe(4403);
    // An unknown token with the prefix fares no better.
    expect(codeOf(await gql(app.url, ME, {}, 'pat_not-a-real-token'))).toBe('UNAUTHENTICATED');
  });

  it('rejects bad inputs with BAD_USER_INPUT naming the fields, and needs a signed-in user', async () => {
    const cases: [string, number, Record<string, string>][] = [
      ['', 30, { name: expect.any(String) }],
      ['   ', 30, { name: expect.any(String) }],
      ['x'.repeat(65), 30, { name: expect.any(String) }],
      ['ok', 0, { expiresInDays: expect.any(String) }],
      ['ok', 366, { expiresInDays: expect.any(String) }],
      ['', -1, { name: expect.any(String), expiresInDays: expect.any(String) }],
    ];
    for (const [n, d, fields] of cases) {
      const r = await gql(app.url, CREATE, { n, d }, alice.token);
      expect(codeOf(r), `${n}/${d}`).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!['fields']).toEqual(fields);
    }
    expect((await create('x'.repeat(64), 365)).accessToken['name']).toHaveLength(64);
    expect(codeOf(await gql(app.url, CREATE, { n: 'anon', d: 1 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(app.url, LIST, {}))).toBe('UNAUTHENTICATED');
  });
});
