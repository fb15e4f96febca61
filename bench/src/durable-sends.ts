// Durable sends per second into many conversations on one node, with messages in PostgreSQL (and, when
// asked, in MongoDB or the MongoDB-wire-compatible emulator, whose figures say nothing about a real
// server). Each sender owns one group and sends into it; `concurrency` sends are in flight at once, so
// different conversations are written side by side while each conversation's writes stay ordered. A
// send the node refuses is counted (sendErrors), not the end of the run.
//
//   npm run bench -- durable-sends [messages=500] [conversations=50] [concurrency=16]
//   [BENCH_STORES=postgresql,mongodb-emulator,mongodb] [TEST_MONGODB_URL=…] (default: postgresql)
//
// BENCH_WORKERS=N runs the node as N processes on one port (WORKERS; they share events through Redis,
// so TEST_REDIS_URL is needed), its figures those of all of them. BENCH_REDIS=1 gives one node Redis
// too (events and rate limits through it, as in cluster mode).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TEST_REDIS_URL, createTestDatabase, quantile, spawnNode, startMongoEmulator } from '@parley/server/testing';
import { cpuSeconds, gql, ioCalls, parleyServer } from './support';

const TOTAL = Number(process.argv[2] ?? 500);
const CONVERSATIONS = Number(process.argv[3] ?? 50);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 1);
if ((WORKERS > 1 || process.env['BENCH_REDIS']) && !TEST_REDIS_URL) {
  throw new Error('BENCH_WORKERS above 1 and BENCH_REDIS need TEST_REDIS_URL');
}

type Store = 'postgresql' | 'mongodb-emulator' | 'mongodb';

async function run(store: Store) {
  const db = await createTestDatabase();
  const mongo = store === 'mongodb-emulator' ? await startMongoEmulator() : null;
  // A real replica set: TEST_MONGODB_URL, naming a scratch database (its messages are left there).
  const mongoUrl = store === 'mongodb' ? process.env['TEST_MONGODB_URL'] : mongo?.url;
  if (store === 'mongodb' && !mongoUrl) throw new Error('the mongodb store needs TEST_MONGODB_URL');
  const profile = process.env['SEND_CPU_PROF'];
  const node = await spawnNode(
    {
      DATABASE_URL: db.url,
      ...(mongoUrl ? { MONGODB_URL: mongoUrl } : {}),
      ...(WORKERS > 1 ? { WORKERS: String(WORKERS) } : {}),
      ...(WORKERS > 1 || process.env['BENCH_REDIS'] ? { REDIS_URL: TEST_REDIS_URL! } : {}),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      RATE_SEND_PER_SECOND: '100000',
      RATE_SEND_BURST: '100000',
      RATE_DUPLICATE_MAX: '100000',
    },
    60_000,
    // SEND_CPU_PROF=<dir> writes the node's CPU profile there when it stops (`node --cpu-prof`).
    {
      args: [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...parleyServer()],
    },
  );
  try {
    const signUp = async (i: number) => {
      const u = `bench_${i}_${randomBytes(3).toString('hex')}`;
      const r = await gql(
        node.url,
        'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
        { u },
      );
      return { token: r.signUp.accessToken as string, id: r.signUp.user.id as string };
    };
    const reader = await signUp(0);
    const senders: { token: string; id: string; conversationId: string }[] = [];
    for (let i = 1; i <= CONVERSATIONS; i++) {
      const s = await signUp(i);
      const g = await gql(
        node.url,
        'mutation($m: [ID!]!) { createGroup(input: { title: "bench", memberIds: $m }) { id } }',
        { m: [reader.id] },
        s.token,
      );
      senders.push({ ...s, conversationId: g.createGroup.id as string });
    }
    const latencies: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const pid = node.child.pid!;
    const [serverCpu0, loaderCpu0, machine0, io0] = [
      cpuSeconds(pid),
      process.cpuUsage(),
      machineBusySeconds(),
      ioCalls(pid),
    ];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < TOTAL; i = next++) {
          const s = senders[i % CONVERSATIONS]!;
          const t = performance.now();
          // A refused send is counted and reported with the figures, not the end of the run: a slow
          // store (the emulator) makes the node refuse sends once its database connections are busy
          // for longer than it waits for one.
          const sent = await gql(
            node.url,
            'mutation($c: ID!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: "benchmark message" }) { seq } }',
            { c: s.conversationId, k: `k${i}` },
            s.token,
          ).then(
            () => true,
            (err: unknown) => {
              failures.push(String(err instanceof Error ? err.message : err));
              return false;
            },
          );
          if (sent) latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = cpuSeconds(pid) - serverCpu0;
    const loader = process.cpuUsage(loaderCpu0);
    const machine = machineBusySeconds() - machine0;
    const io = ioCalls(pid);
    return {
      store,
      messages: TOTAL,
      conversations: CONVERSATIONS,
      concurrency: CONCURRENCY,
      // Sends stored per second; CPU below is per send attempted.
      sendsPerSecond: Math.round(latencies.length / seconds),
      sendLatencyMs: { p50: +quantile(latencies, 0.5).toFixed(1), p99: +quantile(latencies, 0.99).toFixed(1) },
      sendErrors: failures.length,
      ...(failures.length > 0 ? { firstError: failures[0] } : {}),
      // CPU per send: of the Parley node, and of the whole machine (node, database, load generator).
      serverCpuUsPerSend: Math.round((serverCpu / TOTAL) * 1e6),
      machineCpuUsPerSend: Math.round((machine / TOTAL) * 1e6),
      serverCores: +(serverCpu / seconds).toFixed(2),
      // The node's read and write system calls per send (sockets to the client, PostgreSQL and Redis).
      serverReadsPerSend: +((io.reads - io0.reads) / TOTAL).toFixed(1),
      serverWritesPerSend: +((io.writes - io0.writes) / TOTAL).toFixed(1),
      loadGeneratorCores: +((loader.user + loader.system) / 1e6 / seconds).toFixed(2),
    };
  } finally {
    node.kill();
    await node.exited;
    await mongo?.stop();
    await db.drop();
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat (100 ticks per second). */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
}

// The emulator is opt-in: it measures itself (a transaction slows as its documents grow), not MongoDB.
const stores = process.env['BENCH_STORES']?.split(',') ?? ['postgresql'];
for (const store of stores) console.log(JSON.stringify(await run(store as Store)));
