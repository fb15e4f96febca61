import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql } from '../support/client';
import { DEFAULT_LIMITS } from '../support/abuse';
import { createTestDatabase } from '../support/databases';
import { freePort, spawnNode, type NodeProcess } from '../support/process';
import { startRedisServer } from '../support/redis-server';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`;
const ENV = {
  ...DEFAULT_LIMITS,
  RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
  RATE_SEND_PER_SECOND: '5',
  RATE_SEND_BURST: '5',
  JWT_SECRET: 'abuse-cluster-secret-abuse-cluster-secret',
  LOG_LEVEL: 'warn',
};

/** `n` sends by `u`, all at once, alternating between `urls`; resolves with each result's code or 'ok'. */
async function sendAll(urls: string[], u: TestUser, conv: string, n: number, tag: string): Promise<string[]> {
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      gql(
        urls[i % urls.length]!,
        SEND,
        { i: { conversationId: conv, clientMessageId: `${tag}-${i}`, text: `${tag} ${i}` } },
        u.token,
      ),
    ),
  );
  for (const r of results)
    if (codeOf(r) === 'RATE_LIMITED') expect(r.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
  return results.map((r) => (r.errors ? String(codeOf(r)) : 'ok'));
}

const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

async function pair(url: string): Promise<{ user: TestUser; conv: string }> {
  const [user, other] = [await signUp(url, 'cl'), await signUp(url, 'cl')];
  const r = await gql(
    url,
    `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
    { u: other.id },
    user.token,
  );
  return { user, conv: r.data!['openDirectConversation'].id };
}

async function lastSeq(url: string, u: TestUser, conv: string): Promise<number> {
  const r = await gql(url, `query($c: ID!) { conversation(id: $c) { lastSeq } }`, { c: conv }, u.token);
  return r.data!['conversation'].lastSeq;
}

// Both nodes share their own Redis (never the shared one: it is stopped half way).
describe.skipIf(needs('postgres', 'redis-server'))('abuse resistance: two nodes', () => {
  let db: { url: string; drop: () => Promise<void> };
  const nodes: NodeProcess[] = [];
  let redis: ChildProcess;
  let a: NodeProcess;
  let b: NodeProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    redis = await startRedisServer(port);
    const env = { ...ENV, DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}` };
    // Keep every node that started, so afterAll stops it even when the other failed.
    const started = await Promise.allSettled([spawnNode(env), spawnNode(env)]);
    for (const r of started) if (r.status === 'fulfilled') nodes.push(r.value);
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    [a, b] = nodes as [NodeProcess, NodeProcess];
  }, 90_000);
  afterAll(async () => {
    for (const n of nodes) n.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    if (redis && redis.exitCode === null) redis.kill('SIGKILL');
    await db?.drop();
  });

  it('shares the sendMessage bucket between nodes through Redis', async () => {
    const { user, conv } = await pair(a.url);
    // Warm both nodes so the burst below lands within one window.
    await Promise.all([a, b].map((n) => gql(n.url, `{ me { id } }`, {}, user.token)));
    const codes = await sendAll([a.url, b.url], user, conv, 12, 'shared');
    // One bucket of 5 for both nodes; per-node buckets would have let 10 through.
    expect(count(codes, 'ok')).toBe(5);
    expect(count(codes, 'RATE_LIMITED')).toBe(7);
    expect(await lastSeq(a.url, user, conv)).toBe(5);
  });

  it('keeps limiting per node, and keeps serving, when Redis is down', async () => {
    const { user, conv } = await pair(a.url);
    const other = await signUp(a.url, 'cl');
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    // Requests are served without Redis: reads and log-in on both nodes.
    for (const n of [a, b])
      expect((await gql(n.url, `{ me { id } }`, {}, user.token)).data).toEqual({ me: { id: user.id } });
    const login = await gql(
      b.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { user { id } } }`,
      { u: other.username },
    );
    expect(login.errors).toBeUndefined();
    // Each node falls back to its own in-memory bucket of the same policy: 5 per node.
    const codes = await sendAll([a.url, b.url], user, conv, 16, 'down');
    expect(count(codes, 'ok')).toBe(10);
    expect(count(codes, 'RATE_LIMITED')).toBe(6);
    expect(codes.filter((c) => c !== 'ok' && c !== 'RATE_LIMITED')).toEqual([]);
    expect(await lastSeq(a.url, user, conv)).toBe(10);
  });
});
