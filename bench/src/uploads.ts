// Uploads: 100 files of 5 MiB sent at once (10 users × 10 files), each announced with createUpload, PUT to
// the URL it returns, then attached with sendMessage. Once to local disk (the node receives the bytes) and
// once to an S3-compatible server (s3rver, in this process: the bytes bypass the node). Reports the time and
// throughput of the PUTs and of the whole flow, the node's RSS peak above idle (the bytes must stream, never
// be held whole) and its event-loop delay while it ran.
//
//   [TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] npx tsx bench/src/uploads.ts [files=100] [mib=5]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  signUp,
  spawnNode,
  startTestS3,
  TEST_DATABASE_URL,
  type NodeProcess,
} from '@parley/server/testing';

import { gql, rssKb } from './support';

const FILES = Number(process.argv[2] ?? 100);
const MIB = Number(process.argv[3] ?? 5);
const USERS = 10;
const CREATE = `mutation($i: CreateUploadInput!) { createUpload(input: $i) { id uploadUrl method headers { name value } } }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id attachments { byteSize } } }`;

async function run(label: string, env: Record<string, string>): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parley-bench-'));
  const eldFile = path.join(dataDir, 'eld.json');
  const node: NodeProcess = await spawnNode(
    { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ELD_FILE: eldFile, ...env },
    120_000,
    { args: ['--import', './bench/src/event-loop.probe.mjs', '--import', 'tsx', 'server/src/main.ts'] },
  );
  try {
    const users = await Promise.all(Array.from({ length: USERS }, () => signUp(node.url, 'up')));
    const group = await gql(
      node.url,
      `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
      {
        i: { title: 'files', memberIds: users.slice(1).map((u) => u.id) },
      },
      users[0]!.token,
    );
    const body = randomBytes(MIB * 1024 * 1024);
    const abs = (u: string) => (u.startsWith('http') ? u : node.url + u);
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssKb(node.child.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(node.child.pid!))), 20);
    node.kill('SIGUSR2'); // resets the event-loop histogram
    const started = performance.now();
    let putsDone = 0;
    await Promise.all(
      Array.from({ length: FILES }, async (_, i) => {
        const user = users[i % USERS]!;
        const { createUpload: up } = await gql(
          node.url,
          CREATE,
          { i: { filename: `f${i}.bin`, contentType: 'application/octet-stream', byteSize: body.length } },
          user.token,
        );
        const headers = Object.fromEntries(up.headers.map((h: { name: string; value: string }) => [h.name, h.value]));
        const res = await fetch(abs(up.uploadUrl), { method: up.method, headers, body });
        if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
        putsDone = performance.now();
        const sent = await gql(
          node.url,
          SEND,
          { i: { conversationId: group.createGroup.id, clientMessageId: `f${i}`, uploadIds: [up.id] } },
          user.token,
        );
        if (sent.sendMessage.attachments[0].byteSize !== body.length) throw new Error('size changed');
      }),
    );
    const total = (performance.now() - started) / 1000;
    const puts = (putsDone - started) / 1000;
    clearInterval(sampler);
    node.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 200));
    const eld = JSON.parse(readFileSync(eldFile, 'utf8')) as { p99: number; max: number };
    const mb = (FILES * MIB * 1.048576).toFixed(0);
    return `| ${label} | ${FILES} × ${MIB} MiB | ${puts.toFixed(1)} s (${Math.round((FILES * MIB) / puts)} MiB/s) | ${total.toFixed(1)} s | ${Math.round((peak - idle) / 1024)} MiB | ${eld.p99} ms | ${eld.max} ms | ${mb} MB |`;
  } finally {
    node.kill('SIGTERM');
    await node.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

const rows = [await run('local disk (embedded)', {})];
if (TEST_DATABASE_URL) {
  // The embedded database runs in the node's own thread; PostgreSQL shows the upload path alone.
  const db = await createTestDatabase();
  rows.push(
    await run('local disk (PostgreSQL)', {
      DATABASE_URL: db.url,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    }),
  );
}
const s3 = await startTestS3();
try {
  rows.push(await run('S3 (s3rver, embedded database)', s3.env));
} finally {
  await s3.stop();
}
console.log(
  '| blob store | files | all PUTs done | uploaded and attached | node RSS peak above idle | event-loop delay p99 | max | bytes |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
