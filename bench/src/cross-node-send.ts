// Two real nodes sharing PostgreSQL and Redis: concurrent senders on node A push messages into one
// group while a subscriber on node B receives them. Reports sends per second and the latency from
// `sendMessage` returning on A to the event arriving on B (p50/p99).
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres TEST_REDIS_URL=redis://127.0.0.1:6379 \
//     npx tsx bench/src/cross-node-send.ts [messages=2000] [senders=8]
//
// SEND_CPU_PROF=<dir> profiles node A (see the top of its CPU profile for where a send's time goes).
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, quantile, spawnNode } from '@parley/server/testing';
import { gql, parleyServer } from './support';

const TOTAL = Number(process.argv[2] ?? 2000);
const SENDERS = Number(process.argv[3] ?? 8);
const redisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const db = await createTestDatabase();
const env = {
  DATABASE_URL: db.url,
  REDIS_URL: redisUrl,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: '10',
};
// SEND_CPU_PROF=<dir> writes the sending node's CPU profile there when it stops (`node --cpu-prof`).
const profile = process.env['SEND_CPU_PROF'];
const a = await spawnNode(env, 60_000, {
  args: [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...parleyServer()],
});
const b = await spawnNode(env, 60_000, { args: parleyServer() });
try {
  const users = [];
  for (let i = 0; i < SENDERS + 1; i++) {
    const r = await gql(
      a.url,
      'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
      {
        u: `bench_${i}_${randomBytes(3).toString('hex')}`,
      },
    );
    users.push({ token: r.signUp.accessToken as string, id: r.signUp.user.id as string });
  }
  const [reader, ...senders] = users;
  const group = await gql(
    a.url,
    'mutation($m: [ID!]!) { createGroup(input: { title: "bench", memberIds: $m }) { id lastSeq } }',
    { m: senders.map((s) => s.id) },
    reader!.token,
  );
  const conversationId: string = group.createGroup.id;

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let received = 0;
  const client = createClient({
    url: `${b.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${reader!.token}` },
  });
  const allIn = new Promise<void>((resolve, reject) => {
    client.subscribe(
      {
        query: 'subscription($c: ID!) { conversationEvents(conversationId: $c) { seq } }',
        variables: { c: conversationId },
      },
      {
        next: ({ data }) => {
          const seq = (data as any).conversationEvents.seq as number;
          const t = performance.now();
          const s = sentAt.get(seq);
          if (s !== undefined) latencies.push(t - s);
          else sentAt.set(seq, -t); // arrived before the send returned: latency 0
          if (++received === TOTAL) resolve();
        },
        error: reject,
        complete: () => undefined,
      },
    );
  });
  await new Promise((r) => setTimeout(r, 500));

  let next = 0;
  const started = performance.now();
  await Promise.all(
    senders.map(async (s) => {
      for (let i = next++; i < TOTAL; i = next++) {
        const r = await gql(
          a.url,
          'mutation($c: ID!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: "benchmark message" }) { seq } }',
          { c: conversationId, k: `k${i}` },
          s.token,
        );
        const t = performance.now();
        const seq = r.sendMessage.seq as number;
        const early = sentAt.get(seq);
        if (early !== undefined && early < 0) latencies.push(0);
        else sentAt.set(seq, t);
      }
    }),
  );
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.race([
    allIn,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`only ${received}/${TOTAL} events arrived`)), 30_000)),
  ]);
  console.log(
    JSON.stringify(
      {
        messages: TOTAL,
        senders: SENDERS,
        sendsPerSecond: Math.round(TOTAL / sendSeconds),
        crossNodeLatencyMs: {
          p50: +quantile(latencies, 0.5).toFixed(2),
          p99: +quantile(latencies, 0.99).toFixed(2),
          max: +Math.max(...latencies).toFixed(2),
        },
      },
      null,
      2,
    ),
  );
  await client.dispose();
} finally {
  a.kill();
  b.kill();
  await Promise.all([a.exited, b.exited]);
  await db.drop();
}
