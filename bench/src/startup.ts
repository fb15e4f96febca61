// Start-up and memory: the server from its TypeScript sources through tsx (`npm run dev`, the tests) against
// the compiled bundle (`npm start`, the image), on storage that already exists: embedded (PGlite) and, with
// TEST_DATABASE_URL, PostgreSQL. Reports the time from spawning node to /healthz answering, the CPU time the
// server used until then, and its RSS then and after two sign-ups and a message.
//
//   npm run build:server && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/src/startup.ts [runs=3]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_DATABASE_URL, createTestDatabase, signUp, spawnNode, type NodeProcess } from '@parley/server/testing';
import { cpuSeconds, gql, rssKb } from './support';

const RUNS = Number(process.argv[2] ?? 3);
const VARIANTS = {
  'tsx (sources)': ['--import', 'tsx', 'server/src/main.ts'],
  'node (server/dist)': ['server/dist/main.js'],
};

async function stop(node: NodeProcess): Promise<void> {
  node.kill('SIGTERM');
  await node.exited;
}

/** Medians of `RUNS` starts of each variant on `env`, as table rows. */
async function measure(mode: string, env: Record<string, string>): Promise<string[]> {
  // The first start creates the database; it is not what is measured.
  await stop(await spawnNode(env, 120_000, { args: VARIANTS['node (server/dist)'] }));
  const rows: string[] = [];
  for (const [name, args] of Object.entries(VARIANTS)) {
    const samples: { ms: number; cpu: number; idle: number; used: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const node = await spawnNode(env, 120_000, { args });
      const ms = performance.now() - started;
      const cpu = cpuSeconds(node.child.pid!);
      const idle = rssKb(node.child.pid!);
      const [alice, bob] = [await signUp(node.url, 'alice'), await signUp(node.url, 'bob')];
      const open = 'mutation($u: ID!) { openDirectConversation(userId: $u) { id } }';
      const opened = await gql(node.url, open, { u: bob.id }, alice.token);
      await gql(
        node.url,
        'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }',
        { i: { conversationId: opened.openDirectConversation.id, clientMessageId: `m${run}`, text: 'hello' } },
        alice.token,
      );
      const used = rssKb(node.child.pid!);
      await stop(node);
      samples.push({ ms, cpu, idle, used });
    }
    const median = (f: (s: (typeof samples)[number]) => number) =>
      samples.map(f).sort((a, b) => a - b)[samples.length >> 1]!;
    const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
    rows.push(
      `| ${mode} | ${name} | ${Math.round(median((s) => s.ms))} ms | ${median((s) => s.cpu).toFixed(1)} s | ${mb(median((s) => s.idle))} | ${mb(median((s) => s.used))} |`,
    );
  }
  return rows;
}

const dir = await mkdtemp(path.join(tmpdir(), 'parley-startup-'));
const db = TEST_DATABASE_URL ? await createTestDatabase() : undefined;
try {
  const rows = await measure('embedded', { DATA_DIR: dir, LOG_LEVEL: 'warn' });
  if (db)
    rows.push(
      ...(await measure('PostgreSQL', {
        DATABASE_URL: db.url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      })),
    );
  console.log(
    `| storage | server | spawn to /healthz (median of ${RUNS}) | CPU until then | RSS at start | RSS after sign-ups + send |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
}
