// Fallback transports on one node (PostgreSQL): memory per idle SSE stream and per waiting long-poll,
// and fan-out over SSE next to WebSocket (S subscribers of one group, M messages).
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/src/transports.ts [connections=2000] [subscribers=1000] [messages=50]
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, spawnNode } from '@parley/server/testing';
import { cpuSeconds, gql, rssKb } from './support';

const CONNECTIONS = Number(process.argv[2] ?? 2000);
const SUBSCRIBERS = Number(process.argv[3] ?? 1000);
const MESSAGES = Number(process.argv[4] ?? 50);
const PER_USER = 20;
const EVENTS = `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { id text sender { displayName } } } } }`;

const db = await createTestDatabase();
const node = await spawnNode({
  DATABASE_URL: db.url,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
  RATE_SEND_PER_SECOND: '100000',
  RATE_SEND_BURST: '100000',
});
const pid = node.child.pid!;
const aborts: AbortController[] = [];
const clients: Client[] = [];
const settle = () => new Promise((r) => setTimeout(r, 2000));
try {
  const users: { id: string; token: string }[] = [];
  for (let i = 0; i < Math.ceil(Math.max(CONNECTIONS, SUBSCRIBERS) / PER_USER); i++) {
    const r = await gql(
      node.url,
      'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
      {
        u: `tr_${i}_${randomBytes(3).toString('hex')}`,
      },
    );
    users.push({ id: r.signUp.user.id, token: r.signUp.accessToken });
  }
  const owner = users[0]!;
  const group = await gql(
    node.url,
    'mutation($m: [ID!]!) { createGroup(input: { title: "transports", memberIds: $m }) { id } }',
    { m: users.slice(1).map((u) => u.id) },
    owner.token,
  );
  const c: string = group.createGroup.id;
  const userOf = (i: number) => users[Math.floor(i / PER_USER) % users.length]!;

  /** Opens an SSE subscription with fetch and calls `onEvent` per `next` event. */
  function sse(token: string, onEvent: () => void, onOpen: () => void): void {
    const abort = new AbortController();
    aborts.push(abort);
    void fetch(`${node.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: EVENTS, variables: { c } }),
      signal: abort.signal,
    })
      .then(async (res) => {
        onOpen();
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            if (buffer.slice(0, i).startsWith('event: next')) onEvent();
            buffer = buffer.slice(i + 2);
          }
        }
      })
      .catch(() => undefined);
  }

  const rows: string[] = [];
  // Idle SSE streams.
  let before = rssKb(pid);
  let open = 0;
  for (let i = 0; i < CONNECTIONS; i++)
    sse(
      userOf(i).token,
      () => undefined,
      () => void open++,
    );
  while (open < CONNECTIONS) await new Promise((r) => setTimeout(r, 50));
  await settle();
  let cpu = cpuSeconds(pid);
  await settle();
  rows.push(
    `| ${CONNECTIONS} idle SSE streams | ${((rssKb(pid) - before) / CONNECTIONS).toFixed(1)} KB | ${(((cpuSeconds(pid) - cpu) / 2) * 100).toFixed(1)} % |`,
  );
  aborts.splice(0).forEach((a) => a.abort());
  await settle();

  // Waiting long-polls.
  before = rssKb(pid);
  const lastSeq = (await gql(node.url, 'query($c: ID!) { conversation(id: $c) { lastSeq } }', { c }, owner.token))
    .conversation.lastSeq;
  const polls: Promise<unknown>[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const abort = new AbortController();
    aborts.push(abort);
    polls.push(
      fetch(`${node.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${userOf(i).token}` },
        body: JSON.stringify({
          query:
            'query($c: ID!, $a: Int!) { pollConversationEvents(conversationId: $c, afterSeq: $a, waitMs: 30000) { lastSeq } }',
          variables: { c, a: lastSeq },
        }),
        signal: abort.signal,
      }).catch(() => undefined),
    );
  }
  await settle();
  cpu = cpuSeconds(pid);
  await settle();
  rows.push(
    `| ${CONNECTIONS} waiting long-polls | ${((rssKb(pid) - before) / CONNECTIONS).toFixed(1)} KB | ${(((cpuSeconds(pid) - cpu) / 2) * 100).toFixed(1)} % |`,
  );
  aborts.splice(0).forEach((a) => a.abort());
  await Promise.all(polls);
  await settle();

  // Fan-out: the same subscribers and messages over each transport.
  const fanRows: string[] = [];
  for (const transport of ['WebSocket', 'SSE'] as const) {
    let delivered = 0;
    let ready = 0;
    const total = SUBSCRIBERS * MESSAGES;
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const { token } = userOf(i);
      if (transport === 'SSE')
        sse(
          token,
          () => void delivered++,
          () => void ready++,
        );
      else {
        const client = createClient({
          url: `${node.url.replace('http', 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
        });
        clients.push(client);
        client.on('connected', () => void ready++);
        client.subscribe(
          { query: EVENTS, variables: { c } },
          { next: () => void delivered++, error: () => undefined, complete: () => undefined },
        );
      }
    }
    while (ready < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
    await settle();
    const t = performance.now();
    const cpu0 = cpuSeconds(pid);
    for (let i = 0; i < MESSAGES; i++) {
      await gql(
        node.url,
        'mutation($c: ID!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: "transport benchmark" }) { seq } }',
        { c, k: `${transport}-${i}` },
        owner.token,
      );
    }
    while (delivered < total && performance.now() - t < 120_000) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - t) / 1000;
    fanRows.push(
      `| ${transport} | ${SUBSCRIBERS} | ${delivered}/${total} | ${Math.round(delivered / seconds)} | ${Math.round(delivered / (cpuSeconds(pid) - cpu0))} |`,
    );
    await Promise.all(clients.splice(0).map((cl) => cl.dispose()));
    aborts.splice(0).forEach((a) => a.abort());
    await settle();
  }
  console.log('| connections | RSS per connection | server CPU at idle |\n|---|---|---|');
  rows.forEach((r) => console.log(r));
  console.log(
    '\n| fan-out over | subscribers | delivered | events/s (wall) | events per server CPU-second |\n|---|---|---|---|---|',
  );
  fanRows.forEach((r) => console.log(r));
} finally {
  aborts.forEach((a) => a.abort());
  await Promise.all(clients.map((cl) => cl.dispose()));
  node.kill();
  await node.exited;
  await db.drop();
}
