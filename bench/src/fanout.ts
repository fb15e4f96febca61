// Fan-out: S subscribers (WebSocket, `conversationEvents`) on one node follow one group while M
// messages are sent into it; reports delivered events per second and the node's RSS per socket.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/src/fanout.ts [subscribers=1000] [messages=100]
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, spawnNode } from '@parley/server/testing';
import { cpuSeconds, gql, rssKb } from './support';

const SUBSCRIBERS = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 100);
const USERS = Math.ceil(SUBSCRIBERS / 20);

const db = await createTestDatabase();
const node = await spawnNode({ DATABASE_URL: db.url, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' });
const clients: Client[] = [];
try {
  const users: { id: string; token: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const r = await gql(
      node.url,
      'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
      {
        u: `fan_${i}_${randomBytes(3).toString('hex')}`,
      },
    );
    users.push({ id: r.signUp.user.id, token: r.signUp.accessToken });
  }
  const [owner] = users;
  const group = await gql(
    node.url,
    'mutation($m: [ID!]!) { createGroup(input: { title: "fan-out", memberIds: $m }) { id } }',
    { m: users.slice(1).map((u) => u.id) },
    owner!.token,
  );
  const conversationId: string = group.createGroup.id;
  const before = rssKb(node.child.pid!);

  let delivered = 0;
  let subscribed = 0;
  const total = SUBSCRIBERS * MESSAGES;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const user = users[i % USERS]!;
    const client = createClient({
      url: `${node.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    clients.push(client);
    client.subscribe(
      {
        query:
          'subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { id text sender { displayName } } } } }',
        variables: { c: conversationId },
      },
      {
        next: () => (++delivered === total ? resolveAll() : undefined),
        error: (e) => console.error(e),
        complete: () => undefined,
      },
    );
    client.on('connected', () => void subscribed++);
  }
  while (subscribed < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1000));
  const idle = rssKb(node.child.pid!);

  const started = performance.now();
  const cpuBefore = cpuSeconds(node.child.pid!);
  for (let i = 0; i < MESSAGES; i++) {
    await gql(
      node.url,
      'mutation($c: ID!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: "fan-out benchmark message" }) { seq } }',
      { c: conversationId, k: `f${i}` },
      owner!.token,
    );
  }
  await Promise.race([
    all,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`only ${delivered}/${total} delivered`)), 120_000)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpuSeconds(node.child.pid!) - cpuBefore;
  console.log(
    JSON.stringify(
      {
        subscribers: SUBSCRIBERS,
        messages: MESSAGES,
        deliveredEvents: total,
        deliveredPerSecond: Math.round(total / seconds),
        // The load generator shares the machine; this is what the server alone would sustain per core.
        deliveredPerServerCpuSecond: Math.round(total / serverCpu),
        idleRssPerSubscribedSocketKb: +((idle - before) / SUBSCRIBERS).toFixed(1),
      },
      null,
      2,
    ),
  );
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  node.kill();
  await node.exited;
  await db.drop();
}
