import type { ChildProcess } from 'node:child_process';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, record, until, wsClient, type Recorder } from '../support/client';
import { createTestDatabase } from '../support/databases';
import { freePort, spawnNode, type NodeProcess } from '../support/process';
import { startRedisServer, stopProcess } from '../support/redis-server';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) {
  conversationId seq __typename ... on MessageAdded { message { id text } }
} }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;

describe.skipIf(needs('postgres', 'redis-server'))('Redis restarting under two nodes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redisPort: number;
  let redis: ChildProcess | undefined;
  const nodes: NodeProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      JWT_SECRET: 'redis-restart-secret-0123456789-abcdef',
      LOG_LEVEL: 'warn',
      // Load from a few users on one address: the abuse limits are not under test here.
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      RATE_SEND_PER_SECOND: '100000',
      RATE_SEND_BURST: '100000',
      RATE_DUPLICATE_MAX: '100000',
    };
    nodes.push(await spawnNode(env));
    nodes.push(await spawnNode(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(nodes.map((n) => stopProcess(n.child)));
    await stopProcess(redis);
    await db?.drop();
  }, 60_000);

  it('keeps nodes up, subscribers receiving, and leaves no gap after a resume', async () => {
    const [A, B] = nodes as [NodeProcess, NodeProcess];
    const [sa, sb, watcher] = [await signUp(A.url, 'ra'), await signUp(B.url, 'rb'), await signUp(A.url, 'rw')];
    const g = await gql(
      A.url,
      `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
      { i: { title: 'Outage', memberIds: [sb.id, watcher.id] } },
      sa.token,
    );
    const groupId: string = g.data!['createGroup'].id;
    const lastSeq = async (node: NodeProcess) =>
      (await gql(node.url, `query($c: ID!) { conversation(id: $c) { lastSeq } }`, { c: groupId }, watcher.token)).data![
        'conversation'
      ].lastSeq as number;

    const subscribe = (node: NodeProcess, u: TestUser, afterSeq: number) => {
      const c = wsClient(node.url, u.token);
      clients.push(c);
      return { client: c, rec: record<any>(c, EVENTS, { c: groupId, a: afterSeq }, 'conversationEvents') };
    };
    const subs = [subscribe(A, watcher, 0), subscribe(B, watcher, 0), subscribe(A, sb, 0), subscribe(B, sa, 0)];
    const reached = (rec: Recorder<any>, seq: number) => rec.events.some((e) => e.seq >= seq);
    await until(() => subs.every((s) => reached(s.rec, 1)));

    // Both senders keep sending, one on each node, until told to stop.
    let sending = true;
    let sent = 0;
    const sendErrors: unknown[] = [];
    const loop = async (node: NodeProcess, u: TestUser, tag: string) => {
      for (let k = 0; sending; k++) {
        const r = await gql(
          node.url,
          SEND,
          { i: { conversationId: groupId, clientMessageId: `${tag}-${k}`, text: `${tag} ${k}` } },
          u.token,
        ).catch((err: unknown) => ({ errors: [{ message: String(err) }] }) as { errors: unknown[]; data?: undefined });
        if (r.errors) sendErrors.push(r.errors);
        else sent++;
      }
    };
    const senders = Promise.all([loop(A, sa, 'a'), loop(B, sb, 'b')]);
    try {
      await until(() => sent >= 20, 20_000);

      // Redis goes away mid-stream; the nodes keep accepting writes and serving local subscribers.
      await stopProcess(redis);
      const atDown = sent;
      await until(() => sent >= atDown + 20, 20_000);
      for (const n of nodes) {
        expect(n.child.exitCode).toBeNull();
        expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
      }
      // Even without pub/sub, each node fills the other node's events from storage.
      const during = await lastSeq(A);
      await until(() => subs.every((s) => reached(s.rec, during)), 20_000);

      // Redis comes back on the same port; sending goes on.
      redis = await startRedisServer(redisPort);
      const atUp = sent;
      await until(() => sent >= atUp + 20, 20_000);
      for (const n of nodes) {
        const ready = async () => (await fetch(`${n.url}/readyz`)).status === 200;
        const end = Date.now() + 15_000;
        while (!(await ready())) {
          expect(Date.now()).toBeLessThan(end);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      sending = false;
      await senders;
    }
    expect(sendErrors).toEqual([]);

    // After the restart, live delivery works again across nodes: every subscriber catches up.
    for (const n of nodes) expect(n.child.exitCode).toBeNull();
    const N = await lastSeq(B);
    await until(() => subs.every((s) => reached(s.rec, N) || s.rec.errors.length > 0), 20_000);
    for (const s of subs) {
      expect(s.rec.errors).toEqual([]);
      expect(s.rec.events.map((e) => e.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    }

    // Live cross-node delivery is back (no later local event on A could trigger a gap fill here).
    const cross = await gql(
      B.url,
      SEND,
      { i: { conversationId: groupId, clientMessageId: 'cross', text: 'cross' } },
      sb.token,
    );
    const crossSeq = cross.data!['sendMessage'].seq as number;
    await until(() => reached(subs[0]!.rec, crossSeq) && reached(subs[2]!.rec, crossSeq), 10_000);

    // A subscriber that drops and resumes from its last seq ends with no gap.
    const first = subs[1]!;
    const seen = first.rec.events.length;
    await first.client.dispose();
    const gapSends = [];
    for (let k = 0; k < 5; k++)
      gapSends.push(
        gql(A.url, SEND, { i: { conversationId: groupId, clientMessageId: `gap-${k}`, text: `gap ${k}` } }, sa.token),
      );
    await Promise.all(gapSends);
    const resumed = subscribe(B, watcher, seen);
    const live = await gql(
      B.url,
      SEND,
      { i: { conversationId: groupId, clientMessageId: 'live', text: 'live' } },
      sb.token,
    );
    const end = live.data!['sendMessage'].seq as number;
    await until(() => reached(resumed.rec, end) || resumed.rec.errors.length > 0, 20_000);
    expect(resumed.rec.errors).toEqual([]);
    expect([...first.rec.events, ...resumed.rec.events].map((e) => e.seq)).toEqual(
      Array.from({ length: end }, (_, i) => i + 1),
    );
    expect(await lastSeq(A)).toBe(end);
    for (const n of nodes) expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
