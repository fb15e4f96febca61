// One embedded node with the default limits. Each attack runs for a few seconds while a well-behaved
// client queries `{ me { id } }` back to back; prints a Markdown table of the attack's result, the
// server's peak RSS and the well-behaved client's p99 latency during it.
//
//   npx tsx bench/src/attacks.ts [secondsPerAttack=3]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_LIMITS,
  attacks,
  codeOf,
  gql,
  quantile,
  rawSocket,
  signUp,
  spawnNode,
  underAttack,
  until,
  type RawSocket,
  type TestUser,
} from '@parley/server/testing';

const SECONDS = Number(process.argv[2] ?? 3);
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`;
const CONV_EVENTS = `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { text } } } }`;
const LOG_IN = `mutation($u: String!, $p: String!) { logIn(input: { username: $u, password: $p }) { user { id } } }`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'parley-attacks-'));
const node = await spawnNode({
  ...DEFAULT_LIMITS,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  CORS_ORIGINS: 'https://chat.example.org',
  BLOCKED_WORDS: 'spam',
});
const pid = node.child.pid!;
const rssMb = async () => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

const url = node.url;
const users: TestUser[] = [];
const user = async () => {
  const u = await signUp(url, 'atk');
  users.push(u);
  return u;
};
const direct = async (a: TestUser, b: TestUser) =>
  (await gql(url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: b.id }, a.token)).data![
    'openDirectConversation'
  ].id as string;
const send = (u: TestUser, c: string, text: string) =>
  gql(
    url,
    SEND,
    { i: { conversationId: c, clientMessageId: `b-${Math.random().toString(36).slice(2)}`, text } },
    u.token,
  );
const opened: RawSocket[] = [];
const raw = (opts: Parameters<typeof rawSocket>[1]) => {
  const s = rawSocket(url, opts);
  opened.push(s);
  return s;
};

const bystander = await user();
const [attacker, peer] = [await user(), await user()];
const conv = await direct(attacker, peer);

/** Repeats `once` for SECONDS and collects the distinct outcomes it reports. */
const repeat = (once: () => Promise<string>) => async () => {
  const seen = new Set<string>();
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) seen.add(await once());
  return [...seen].join(', ');
};
const httpCode = (query: string, variables: Record<string, unknown> = {}, token = attacker.token) =>
  repeat(async () => {
    const r = await gql(url, query, variables, token);
    return `${r.status} ${codeOf(r) ?? 'ok'}`;
  });
const closeCode = (open: () => RawSocket, before?: (s: RawSocket) => void) =>
  repeat(async () => {
    const s = open();
    if (before) {
      await s.acked.catch(() => undefined);
      before(s);
    }
    const c = await s.closed;
    return c.code < 0 ? `HTTP ${-c.code}` : `close ${c.code}`;
  });

const list: [string, () => Promise<string>][] = [
  ['alias flood (100 aliased sendMessage)', httpCode(attacks.aliasFlood(100), { c: conv })],
  ['depth bomb (30 levels)', httpCode(attacks.depthBomb(30), { c: conv })],
  ['fragment cycle', httpCode(attacks.fragmentCycle, { c: conv })],
  ['token flood (20k tokens)', httpCode(attacks.tokenFlood(20_000))],
  ['directive flood (200)', httpCode(attacks.directiveFlood(200))],
  ['cost (nested first: 200)', httpCode(attacks.costly)],
  [
    '1000-operation batch',
    repeat(async () => {
      const body = JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' })));
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${attacker.token}` },
        body,
      });
      await res.text();
      return `${res.status}`;
    }),
  ],
  [
    '200 subscriptions on one socket',
    async () => {
      const s = raw({ token: attacker.token });
      await s.acked;
      for (let i = 0; i < 200; i++) {
        s.subscribe(`s${i}`, CONV_EVENTS, { c: conv });
        if (i % 45 === 44) await new Promise((r) => setTimeout(r, 1100));
      }
      await until(() => s.messages.filter((m) => m.type === 'error').length >= 100, 10_000);
      const codes = new Set(s.messages.filter((m) => m.type === 'error').map((m) => m.payload[0].extensions.code));
      s.ws.terminate();
      return `100 accepted, 100 refused ${[...codes].join(', ')}`;
    },
  ],
  [
    '1 MB WebSocket frame',
    closeCode(
      () => raw({ token: attacker.token }),
      (s) => s.subscribe('big', '{ me { id } }', { pad: 'x'.repeat(1_048_576) }),
    ),
  ],
  ['no connection_init', closeCode(() => raw({ init: false }))],
  [
    'reader that never reads (60 MB published)',
    async () => {
      const reader = await user();
      const writers = await Promise.all([1, 2, 3].map(() => user()));
      const group = (
        await gql(
          url,
          `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
          { i: { title: 'flood', memberIds: [reader.id, writers[1]!.id, writers[2]!.id] } },
          writers[0]!.token,
        )
      ).data!['createGroup'].id as string;
      const s = raw({ token: reader.token });
      await s.acked;
      // 100 subscriptions, paced under the per-socket operation rate.
      for (let i = 0; i < 100; i++) {
        s.subscribe(`s${i}`, CONV_EVENTS, { c: group });
        if (i % 45 === 44) await new Promise((r) => setTimeout(r, 1100));
      }
      await new Promise((r) => setTimeout(r, 500));
      s.ws.pause();
      // Three writers within their send budget (burst 20 each): 10 KB x 100 subscriptions per message.
      const refused = new Set<string>();
      await Promise.all(
        writers.map(async (w, k) => {
          for (let i = 0; i < 20; i++) {
            const r = await send(w, group, `${k}-${i} ${'x'.repeat(9_990)}`);
            if (r.errors) refused.add(String(codeOf(r)));
          }
        }),
      );
      if (refused.size) return `sends refused: ${[...refused].join(', ')}`;
      s.ws.resume();
      const c = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
      const got = `${(s.bytes / 1_048_576).toFixed(1)} MB delivered`;
      return c ? `close ${c.code} (${got})` : `still open (${got})`;
    },
  ],
  [
    'login brute force (one username)',
    async () => {
      const victim = await user();
      const seen = new Set<string>();
      for (let i = 0; i < 11; i++)
        seen.add(String(codeOf(await gql(url, LOG_IN, { u: victim.username, p: `wrong-${i}` }))));
      const right = await gql(url, LOG_IN, { u: victim.username, p: 'correct horse' });
      return `${[...seen].join(' → ')}; right password: ${codeOf(right)} (retryAfterMs ${right.errors?.[0]?.extensions?.['retryAfterMs']})`;
    },
  ],
  [
    'sendMessage flood (HTTP)',
    async () => {
      const u = await user();
      const c = await direct(u, peer);
      const rs = await Promise.all(Array.from({ length: 60 }, (_, i) => send(u, c, `flood ${i}`)));
      return `${rs.filter((r) => !r.errors).length} ok, ${rs.filter((r) => codeOf(r) === 'RATE_LIMITED').length} RATE_LIMITED`;
    },
  ],
  [
    'same text 10× across conversations',
    async () => {
      const u = await user();
      const cs = [await direct(u, peer), await direct(u, attacker)];
      const out: string[] = [];
      for (let i = 0; i < 10; i++) out.push(String(codeOf(await send(u, cs[i % 2]!, 'same text')) ?? 'ok'));
      return `${out.filter((o) => o === 'ok').length} ok, then ${[...new Set(out.filter((o) => o !== 'ok'))].join(', ')}`;
    },
  ],
  [
    'blocked word',
    async () => {
      const u = await user();
      return String(codeOf(await send(u, await direct(u, peer), 'buy spam now')));
    },
  ],
  [
    '21 sockets for one user',
    async () => {
      const u = await user();
      const first = Array.from({ length: 20 }, () => raw({ token: u.token }));
      await Promise.all(first.map((s) => s.acked));
      const c = await raw({ token: u.token }).closed;
      for (const s of first) s.ws.terminate();
      return `close ${c.code}`;
    },
  ],
  [
    'operation rate (200 ops at once on one socket)',
    async () => {
      const s = raw({ token: attacker.token });
      await s.acked;
      for (let i = 0; i < 200; i++) s.subscribe(`q${i}`, '{ me { id } }');
      await until(() => s.messages.filter((m) => m.type === 'complete' || m.type === 'error').length >= 200);
      const limited = s.messages.filter(
        (m) => m.type === 'error' && m.payload[0].extensions.code === 'RATE_LIMITED',
      ).length;
      s.ws.terminate();
      return `${200 - limited} ok, ${limited} RATE_LIMITED`;
    },
  ],
  ['foreign Origin upgrade', closeCode(() => raw({ token: attacker.token, origin: 'https://evil.example.com' }))],
];

const rows: string[] = [];
try {
  for (const [name, attack] of list.filter(([n]) => n.includes(process.env['ATTACKS'] ?? ''))) {
    let peak = await rssMb();
    const sampler = setInterval(() => void rssMb().then((m) => (peak = Math.max(peak, m))), 100);
    const { result, bystander: b } = await underAttack(url, bystander, attack, 10_000).catch((e: Error) => ({
      result: `failed: ${e.message}`,
      bystander: { latencies: [], failures: [] as string[] },
    }));
    clearInterval(sampler);
    peak = Math.max(peak, await rssMb());
    for (const s of opened.splice(0)) s.ws.terminate();
    const failures = b.failures.length ? ` (${b.failures.length} bystander failures)` : '';
    rows.push(`| ${name} | ${result}${failures} | ${peak.toFixed(0)} | ${quantile(b.latencies, 0.99).toFixed(1)} |`);
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  }
} finally {
  node.kill('SIGTERM');
  await Promise.race([node.exited, new Promise((r) => setTimeout(r, 10_000))]);
  node.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
}
console.log('| attack | result (code / close code) | server RSS (MB) | p99 latency (ms) |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) console.log(r);
