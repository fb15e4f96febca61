import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, record, until, wsClient, type Recorder } from '../support/client';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp, signUpAs, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) {
  conversationId seq __typename ... on MessageAdded { message { id seq text clientMessageId sender { id } } }
} }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq clientMessageId } }`;
/** Messages per sender; 5 senders. 100 rather than 200 keeps the test near a minute on a busy machine. */
const PER_SENDER = 100;
/** Sends in flight per sender. */
const CONCURRENCY = 4;

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

describe.skipIf(needs('postgres', 'redis'))('two nodes sharing PostgreSQL and Redis', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const nodes: NodeProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL!,
      JWT_SECRET: 'cluster-test-secret-0123456789-abcdef',
      LOG_LEVEL: 'warn',
      // Load from a few users on one address: the abuse limits are not under test here.
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      RATE_SEND_PER_SECOND: '100000',
      RATE_SEND_BURST: '100000',
      RATE_DUPLICATE_MAX: '100000',
      ADMIN_USERNAMES: 'cluster_admin',
    };
    // One after the other, so the second node finds the migrations applied.
    nodes.push(await spawnNode(env));
    nodes.push(await spawnNode(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(nodes.map(stopNode));
    await db?.drop();
  }, 60_000);

  it('delivers every stored event exactly once, in seq order, to subscribers on both nodes under concurrent senders', async () => {
    const [A, B] = nodes as [NodeProcess, NodeProcess];
    const nodeOf = (i: number) => (i % 2 === 0 ? A : B);
    const senders: TestUser[] = [];
    for (let i = 0; i < 5; i++) senders.push(await signUp(nodeOf(i).url, `s${i}`));
    const watcher = await signUp(B.url, 'watch');
    const created = await gql(
      A.url,
      `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
      { i: { title: 'Load', memberIds: [...senders.slice(1), watcher].map((u) => u.id) } },
      senders[0]!.token,
    );
    const groupId: string = created.data!['createGroup'].id;
    const lastSeq = async () =>
      (await gql(A.url, `query($c: ID!) { conversation(id: $c) { lastSeq } }`, { c: groupId }, watcher.token)).data![
        'conversation'
      ].lastSeq as number;

    // Subscribers on both nodes: every sender plus a watcher, alternating nodes.
    const subs: { node: string; rec: Recorder<any> }[] = [];
    for (const [i, u] of [...senders, watcher].entries()) {
      const c = wsClient(nodeOf(i).url, u.token);
      clients.push(c);
      subs.push({
        node: nodeOf(i) === A ? 'A' : 'B',
        rec: record(c, EVENTS, { c: groupId, a: 0 }, 'conversationEvents'),
      });
    }
    const caughtUp = async (n: number, timeoutMs = 30_000) =>
      until(() => subs.every((s) => s.rec.events.length >= n || s.rec.errors.length > 0), timeoutMs);
    await caughtUp(await lastSeq());

    // Cross-node: with every subscriber live, an event caused on B reaches subscribers on A (and B).
    const ping = await gql(
      B.url,
      SEND,
      { i: { conversationId: groupId, clientMessageId: 'ping', text: 'from B' } },
      senders[1]!.token,
    );
    const pingSeq: number = ping.data!['sendMessage'].seq;
    await caughtUp(pingSeq, 10_000);
    for (const s of subs) expect(s.rec.events.find((e) => e.seq === pingSeq)?.message.text).toBe('from B');
    expect(subs.some((s) => s.node === 'A')).toBe(true);

    // 5 senders on both nodes, every 10th send repeated with the same clientMessageId.
    const started = Date.now();
    const results = new Map<string, { id: string; seq: number }>();
    let duplicates = 0;
    await Promise.all(
      senders.map((u, si) =>
        pool(
          Array.from({ length: PER_SENDER }, (_, k) => k),
          CONCURRENCY,
          async (k) => {
            const key = `s${si}-${k}`;
            const attempts = k % 10 === 0 ? 2 : 1;
            for (let a = 0; a < attempts; a++) {
              // The repeat goes to the other node.
              const node = nodeOf(si + a);
              const r = await gql(
                node.url,
                SEND,
                { i: { conversationId: groupId, clientMessageId: key, text: `${key}` } },
                u.token,
              );
              expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
              const m = r.data!['sendMessage'];
              const prior = results.get(key);
              if (prior) {
                duplicates++;
                expect(m).toMatchObject(prior);
              } else results.set(key, { id: m.id, seq: m.seq });
            }
          },
        ),
      ),
    );
    const sendMs = Date.now() - started;
    expect(results.size).toBe(5 * PER_SENDER);
    expect(duplicates).toBe(5 * (PER_SENDER / 10));

    const N = await lastSeq();
    expect(N).toBe(pingSeq + 5 * PER_SENDER);
    await caughtUp(N, 30_000);

    // The stored log: messages by seq, fetched in pages.
    const stored: any[] = [];
    for (let after = 0; ;) {
      const r = await gql(
        B.url,
        `query($c: ID!, $a: Int) { messages(conversationId: $c, afterSeq: $a, limit: 200) { messages { id seq text clientMessageId } hasMoreAfter } }`,
        { c: groupId, a: after },
        watcher.token,
      );
      const page = r.data!['messages'];
      stored.push(...page.messages);
      if (!page.hasMoreAfter) break;
      after = page.messages[page.messages.length - 1].seq;
    }
    const storedBySeq = new Map(stored.map((m) => [m.seq, m]));
    for (const [key, r] of results) expect(storedBySeq.get(r.seq)).toMatchObject({ id: r.id, clientMessageId: key });

    for (const s of subs) {
      expect(s.rec.errors, `${s.node}: ${JSON.stringify(s.rec.errors)}`).toEqual([]);
      const seqs = s.rec.events.map((e) => e.seq);
      // Exactly 1..N: once each, in order, no gap.
      expect(seqs.length, `subscriber on ${s.node}`).toBe(N);
      expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      for (const e of s.rec.events) {
        if (e.__typename !== 'MessageAdded') continue;
        expect(storedBySeq.get(e.seq)?.id, `seq ${e.seq} on ${s.node}`).toBe(e.message.id);
      }
    }
    // Every message seq is an event every subscriber saw; nothing delivered that is not stored.
    const added = subs[0]!.rec.events.filter((e) => e.__typename === 'MessageAdded').map((e) => e.seq);
    expect(added).toEqual(stored.map((m) => m.seq));
    console.info(
      `cluster: ${5 * PER_SENDER} messages (+${duplicates} repeats) from 5 senders on 2 nodes in ${sendMs} ms`,
    );
  }, 120_000);

  it('cuts a user suspended on one node off on the other at once: requests, sockets and sign-in', async () => {
    const [A, B] = nodes as [NodeProcess, NodeProcess];
    const admin = (await signUpAs(A.url, 'cluster_admin')).token;
    const zed = await signUp(B.url, 'zed');
    const socket = wsClient(B.url, zed.token);
    clients.push(socket);
    let closed: number | null = null;
    socket.on('closed', (e) => (closed = (e as { code: number }).code));
    const rec = record(socket, `subscription { inboxEvents { seq } }`, {}, 'inboxEvents');
    await until(async () => {
      const me = await gql(B.url, `{ me { id } }`, {}, zed.token);
      return me.data?.['me']?.id === zed.id;
    });
    await gql(
      A.url,
      `mutation($u: ID!) { suspendUser(userId: $u, hours: 1, reason: "spam") { id } }`,
      { u: zed.id },
      admin,
    );
    expect((await gql(B.url, `{ me { id } }`, {}, zed.token)).errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    const logIn = await gql(
      B.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { accessToken } }`,
      { u: zed.username },
    );
    expect(logIn.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    // Open sockets on the other node close at its next credential check (every 2 s).
    await until(() => closed !== null, 10_000);
    expect(closed).toBe(4403);
    rec.stop();
  }, 60_000);
});
