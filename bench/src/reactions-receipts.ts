// Reactions and read markers in one big group: M members, each with one WebSocket subscribed to the
// group's `conversationEvents` on one node (PostgreSQL + Redis). A reaction storm (R members react to
// one message, C requests in flight) is measured twice, once with a selection every subscriber shares
// and once with the per-viewer `reactedByMe`: delivered events per second and send→receive latency
// (from the addReaction request being sent to each subscriber receiving its event). Then every member
// calls markRead once and the ReceiptsUpdated events that announce them are counted.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres TEST_REDIS_URL=redis://127.0.0.1:6379 \
//     npx tsx bench/src/reactions-receipts.ts [members=1000] [reactions=200] [inFlight=50]
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, quantile, spawnNode } from '@parley/server/testing';
import { cpuSeconds, gql } from './support';

const MEMBERS = Number(process.argv[2] ?? 1000);
const REACTIONS = Math.min(MEMBERS, Number(process.argv[3] ?? 200));
const IN_FLIGHT = Number(process.argv[4] ?? 50);
const EMOJI = ['👍', '❤️', '😂', '🎉', '🔥'];

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

const db = await createTestDatabase();
const node = await spawnNode({
  DATABASE_URL: db.url,
  REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
});
const clients: Client[] = [];
try {
  // Sign-up hashes each password with Argon2id; a few at a time keep both cores busy.
  const signUpStarted = performance.now();
  const users: { id: string; token: string }[] = [];
  await pool(
    Array.from({ length: MEMBERS }, (_, i) => i),
    8,
    async (i) => {
      const r = await gql(
        node.url,
        'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
        { u: `rx_${i}_${randomBytes(3).toString('hex')}` },
      );
      users[i] = { id: r.signUp.user.id, token: r.signUp.accessToken };
    },
  );
  const signUpSeconds = (performance.now() - signUpStarted) / 1000;
  const owner = users[0]!;
  const group = await gql(
    node.url,
    'mutation($m: [ID!]!) { createGroup(input: { title: "reactions", memberIds: $m }) { id } }',
    { m: users.slice(1).map((u) => u.id) },
    owner.token,
  );
  const conversationId: string = group.createGroup.id;
  const send = async (text: string) =>
    (
      await gql(
        node.url,
        'mutation($c: ID!, $k: ID!, $t: String!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: $t }) { id seq } }',
        { c: conversationId, k: randomBytes(6).toString('hex'), t: text },
        owner.token,
      )
    ).sendMessage as { id: string; seq: number };

  /** Sockets closed other than by the benchmark, by close code. */
  const closes = new Map<number | undefined, number>();
  /** How many subscribers received the MessageAdded at each seq (marker messages). */
  const markerSeen = new Map<number, number>();
  /** Subscribes every member with `selection`; `onEvent` gets each event and when it arrived. */
  async function subscribeAll(selection: string, onEvent: (e: any, at: number) => void): Promise<() => void> {
    const stops: (() => void)[] = [];
    let ready = 0;
    for (const user of users) {
      const client = createClient({
        url: `${node.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${user.token}` },
      });
      clients.push(client);
      client.on('connected', () => void ready++);
      // A socket the server closes (e.g. 1013, slow consumer) would lose events: make it visible.
      client.on('closed', (e) => {
        const code = (e as { code?: number }).code;
        if (code !== 1000) closes.set(code, (closes.get(code) ?? 0) + 1);
      });
      stops.push(
        client.subscribe(
          {
            query: `subscription($c: ID!) { conversationEvents(conversationId: $c) { ${selection} } }`,
            variables: { c: conversationId },
          },
          {
            next: ({ data }) => onEvent((data as any).conversationEvents, performance.now()),
            error: (e) => console.error(e),
            complete: () => undefined,
          },
        ),
      );
    }
    while (ready < users.length) await new Promise((r) => setTimeout(r, 50));
    // Subscriptions start right after connection_ack; a marker event shows every one is live.
    const marker = await send('marker');
    await waitFor(() => markerSeen.get(marker.seq) === users.length, 30_000);
    return () => stops.forEach((s) => s());
  }
  const waitFor = async (cond: () => boolean, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /** One reaction storm under `selection`; returns delivered events/s, latency percentiles and server CPU. */
  async function storm(label: string, selection: string) {
    const target = await send(`react to me (${label})`);
    const sentAt = new Map<number, number>(); // total reactions after a request → when it was sent
    const arrivals: { total: number; at: number }[] = [];
    let delivered = 0;
    const stop = await subscribeAll(selection, (e, at) => {
      if (e.__typename === 'MessageAdded') markerSeen.set(e.seq, (markerSeen.get(e.seq) ?? 0) + 1);
      if (e.__typename !== 'MessageUpdated' || e.message.id !== target.id) return;
      delivered++;
      arrivals.push({ total: e.message.reactions.reduce((n: number, g: any) => n + g.count, 0), at });
    });
    const cpuBefore = cpuSeconds(node.child.pid!);
    const started = performance.now();
    await pool(users.slice(0, REACTIONS), IN_FLIGHT, async (u, i) => {
      const t = performance.now();
      const r = await gql(
        node.url,
        'mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { reactions { count } } }',
        { m: target.id, e: EMOJI[i % EMOJI.length] },
        u.token,
      );
      sentAt.set(
        r.addReaction.reactions.reduce((n: number, g: any) => n + g.count, 0),
        t,
      );
    });
    const expected = REACTIONS * users.length;
    await waitFor(() => delivered >= expected, 300_000).catch((err: unknown) => {
      throw new Error(`${label}: ${delivered} of ${expected} delivered; closes ${JSON.stringify([...closes])}`, {
        cause: err,
      });
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(node.child.pid!) - cpuBefore;
    stop();
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    const latencies = arrivals.map((a) => a.at - sentAt.get(a.total)!);
    return {
      label,
      delivered,
      perSecond: Math.round(delivered / seconds),
      perCpuSecond: Math.round(delivered / cpu),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      reactionsPerSecond: Math.round(REACTIONS / seconds),
    };
  }

  const shared = await storm(
    'shared selection',
    '__typename seq ... on MessageAdded { message { id } } ... on MessageUpdated { message { id reactions { emoji count } } }',
  );
  const perViewer = await storm(
    'with reactedByMe (per viewer)',
    '__typename seq ... on MessageAdded { message { id } } ... on MessageUpdated { message { id reactions { emoji count reactedByMe } } }',
  );

  // Read markers: every member reads up to the newest event once.
  const receipts: { seq: number; readers: number }[] = [];
  const lastRead = new Map<string, number>();
  let receiptDeliveries = 0;
  const stop = await subscribeAll(
    '__typename seq ... on MessageAdded { message { id } } ... on ReceiptsUpdated { readers { userId lastReadSeq } }',
    (e) => {
      if (e.__typename === 'MessageAdded') markerSeen.set(e.seq, (markerSeen.get(e.seq) ?? 0) + 1);
      if (e.__typename !== 'ReceiptsUpdated') return;
      receiptDeliveries++;
      // Every subscriber gets it; count it once.
      if (receipts.some((r) => r.seq === e.seq)) return;
      receipts.push({ seq: e.seq, readers: e.readers.length });
      for (const r of e.readers) lastRead.set(r.userId, r.lastReadSeq);
    },
  );
  const upTo = (await send('read up to here')).seq;
  const readStarted = performance.now();
  await pool(users, IN_FLIGHT, async (u) => {
    await gql(
      node.url,
      'mutation($c: ID!, $s: Int!) { markRead(conversationId: $c, seq: $s) { lastReadSeq } }',
      { c: conversationId, s: upTo },
      u.token,
    );
  });
  const burstMs = performance.now() - readStarted;
  await waitFor(() => users.every((u) => lastRead.get(u.id) === upTo), 60_000);
  const settledMs = performance.now() - readStarted;
  await waitFor(() => receiptDeliveries === receipts.length * users.length, 60_000);
  const deliveredMs = performance.now() - readStarted;
  stop();

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `\n${MEMBERS} members, ${users.length} subscribed sockets on one node (PostgreSQL + Redis); sign-up of ${MEMBERS} users took ${signUpSeconds.toFixed(1)} s\n`,
  );
  console.log(
    '| reaction storm | reactions | in flight | reactions/s | delivered events | delivered/s (wall) | delivered per server CPU-s | send→receive p50 | p99 |',
  );
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of [shared, perViewer]) {
    console.log(
      `| ${r.label} | ${REACTIONS} | ${IN_FLIGHT} | ${r.reactionsPerSecond} | ${r.delivered} | ${r.perSecond} | ${r.perCpuSecond} | ${ms(r.p50)} | ${ms(r.p99)} |`,
    );
  }
  console.log(
    '\n| markRead calls | in flight | burst | every marker announced after | ReceiptsUpdated events | readers per event | delivered to every subscriber after |',
  );
  console.log('| --: | --: | --: | --: | --: | --- | --: |');
  console.log(
    `| ${users.length} | ${IN_FLIGHT} | ${ms(burstMs)} | ${ms(settledMs)} | ${receipts.length} | ${receipts.map((r) => r.readers).join(', ')} | ${ms(deliveredMs)} |`,
  );
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  node.kill();
  await node.exited;
  await db.drop();
}
