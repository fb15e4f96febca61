// One node with PostgreSQL and its own Redis: USERS users connect over WebSocket, each watching the
// presence of WATCH others, then sit idle. Reports Redis commands per second (the delta of
// `total_commands_processed` and the commands by type from `INFO commandstats`) and the node's CPU
// over WINDOW seconds of idleness. A private redis-server on a free port keeps other traffic out.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx tsx bench/src/presence-idle.ts [users=1000] [windowSeconds=30] [watch=20]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { createTestDatabase, freePort, spawnNode } from '@parley/server/testing';
import { cpuSeconds, gql, rssKb } from './support';

const USERS = Number(process.argv[2] ?? 1000);
const WINDOW = Number(process.argv[3] ?? 30);
const WATCH = Number(process.argv[4] ?? 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function commandStats(r: Redis): Promise<Map<string, number>> {
  const info = await r.info('commandstats');
  const out = new Map<string, number>();
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

const redisPort = await freePort();
const redisDir = await mkdtemp(path.join(tmpdir(), 'parley-bench-redis-'));
const redisServer = spawn(
  'redis-server',
  ['--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', redisDir],
  {
    stdio: 'ignore',
  },
);
const redisUrl = `redis://127.0.0.1:${redisPort}`;
const admin = new Redis(redisUrl);
// Refused until redis-server listens; ioredis retries.
admin.on('error', () => undefined);
await admin.ping();
const db = await createTestDatabase();
const node = await spawnNode({
  DATABASE_URL: db.url,
  REDIS_URL: redisUrl,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  WS_MAX_SOCKETS_PER_USER: '5',
});
const clients: Client[] = [];
try {
  console.log(`signing up ${USERS} users…`);
  const users: { id: string; token: string }[] = [];
  const tag = randomBytes(3).toString('hex');
  for (let i = 0; i < USERS; i += 16) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(16, USERS - i) }, (_, j) =>
        gql(
          node.url,
          'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
          {
            u: `idle_${tag}_${i + j}`,
          },
        ),
      ),
    );
    users.push(...batch.map((r) => ({ id: r.signUp.user.id as string, token: r.signUp.accessToken as string })));
  }

  console.log(`connecting ${USERS} sockets, each watching ${WATCH} users…`);
  let received = 0;
  for (let i = 0; i < USERS; i++) {
    const u = users[i]!;
    const client = createClient({
      url: `${node.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${u.token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const ids = Array.from({ length: WATCH }, (_, k) => users[(i + k + 1) % USERS]!.id);
    client.subscribe(
      {
        query: 'subscription($ids: [ID!]!) { presence(userIds: $ids) { userId presence { status } } }',
        variables: { ids },
      },
      { next: () => void received++, error: (e) => console.error('subscription error', e), complete: () => undefined },
    );
    if (i % 50 === 49) await sleep(50);
  }
  // Let the connection burst and its presence events settle before measuring idleness.
  await sleep(10_000);
  console.log(`presence events received while connecting: ${received}`);

  const pid = node.child.pid!;
  const before = {
    cmds: await commandStats(admin),
    total: Number(/total_commands_processed:(\d+)/.exec(await admin.info('stats'))![1]),
    cpu: cpuSeconds(pid),
    at: Date.now(),
  };
  const receivedBefore = received;
  const instantaneous: number[] = [];
  for (let s = 0; s < WINDOW; s += 5) {
    await sleep(5000);
    instantaneous.push(Number(/instantaneous_ops_per_sec:(\d+)/.exec(await admin.info('stats'))![1]));
  }
  const after = {
    cmds: await commandStats(admin),
    total: Number(/total_commands_processed:(\d+)/.exec(await admin.info('stats'))![1]),
    cpu: cpuSeconds(pid),
    at: Date.now(),
  };
  const secs = (after.at - before.at) / 1000;
  // The INFO calls of this script are in the count too; they are left out of the per-type list.
  const byType = [...after.cmds]
    .map(([cmd, n]) => [cmd, n - (before.cmds.get(cmd) ?? 0)] as const)
    .filter(([cmd, n]) => n > 0 && cmd !== 'info')
    .sort((x, y) => y[1] - x[1]);
  const liveKeys = await admin.zcard('parley:presence:exp');
  console.log(
    JSON.stringify(
      {
        users: USERS,
        watchedPerUser: WATCH,
        liveConnectionsInRedis: liveKeys,
        windowSeconds: Number(secs.toFixed(1)),
        redisCommandsPerSecond: Number(((after.total - before.total) / secs).toFixed(2)),
        redisCommandsByType: Object.fromEntries(byType.map(([c, n]) => [c, Number((n / secs).toFixed(2))])),
        redisInstantaneousOpsPerSec: instantaneous,
        nodeCpuPercent: Number((((after.cpu - before.cpu) / secs) * 100).toFixed(2)),
        nodeRssMiB: Number((rssKb(pid) / 1024).toFixed(0)),
        presenceEventsDuringWindow: received - receivedBefore,
      },
      null,
      2,
    ),
  );
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  node.kill('SIGTERM');
  await Promise.race([node.exited, sleep(10_000)]);
  if (node.child.exitCode === null) node.kill('SIGKILL');
  await db.drop();
  admin.disconnect();
  redisServer.kill('SIGTERM');
  await rm(redisDir, { recursive: true, force: true });
}
