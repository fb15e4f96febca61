// Push fan-out: one message into a group of 5,000 members, every member with a Web Push subscription
// to a local HTTPS push service (self-signed, trusted through NODE_EXTRA_CA_CERTS). Reports the time
// from sendMessage returning to the last push arriving, pushes per second, and the sender's sendMessage
// latency in another conversation while the fan-out runs, next to the same sends when idle.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/src/push-fanout.ts [members=5000]
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generate } from 'selfsigned';
import { createTestDatabase, quantile, signUp, spawnNode } from '@parley/server/testing';
import { gql } from './support';

const MEMBERS = Number(process.argv[2] ?? 5000);
const AGGREGATE_SECONDS = 1;

const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
  keySize: 2048,
  algorithm: 'sha256',
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
});
let received = 0;
let lastAt = 0;
const service = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    lastAt = performance.now();
    res.writeHead(201).end();
  });
});
await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
const endpointBase = `https://127.0.0.1:${(service.address() as AddressInfo).port}/push`;

const dir = await mkdtemp(path.join(tmpdir(), 'parley-push-bench-'));
await writeFile(path.join(dir, 'ca.pem'), pems.cert);
const db = await createTestDatabase();
const node = await spawnNode(
  {
    DATABASE_URL: db.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
    NOTIFY_AGGREGATE_SECONDS: String(AGGREGATE_SECONDS),
  },
  120_000,
);
try {
  const sender = await signUp(node.url, 'sender');
  const friend = await signUp(node.url, 'friend');
  // Members are written straight into the database: 5,000 Argon2 sign-ups would take minutes and measure nothing here.
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const ids = Array.from({ length: MEMBERS - 1 }, () => randomUUID());
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const p256dh = ecdh.getPublicKey('base64url');
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await sql.query(
      `INSERT INTO users (id, username, username_lower, display_name, password_hash)
       SELECT id, 'm' || replace(id::text, '-', ''), 'm' || replace(id::text, '-', ''), 'Member', 'x' FROM unnest($1::uuid[]) id`,
      [chunk],
    );
    await sql.query(
      `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at)
       SELECT $2 || '/' || id, id, $3, $4, now() FROM unnest($1::uuid[]) id`,
      [chunk, endpointBase, p256dh, randomBytes(16).toString('base64url')],
    );
  }
  await sql.end();
  const group = await gql(
    node.url,
    'mutation($m: [ID!]!) { createGroup(input: { title: "everyone", memberIds: $m }) { id } }',
    { m: ids },
    sender.token,
  );
  const dm = await gql(
    node.url,
    'mutation($u: ID!) { openDirectConversation(userId: $u) { id } }',
    { u: friend.id },
    sender.token,
  );
  let k = 0;
  const send = async (conversationId: string) => {
    const started = performance.now();
    await gql(
      node.url,
      'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }',
      {
        i: {
          conversationId,
          clientMessageId: `k${++k}`,
          text: 'hello everyone, this is a message of about a hundred characters in length!!',
        },
      },
      sender.token,
    );
    return performance.now() - started;
  };
  // Groups above 50 members notify mentions only unless a member chooses ALL: everyone mentioned would
  // need 5,000 names, so the members choose ALL here.
  const pgc = new pg.Client({ connectionString: db.url });
  await pgc.connect();
  await pgc.query(
    `INSERT INTO notification_levels (conversation_id, user_id, level) SELECT $1, id, 'ALL' FROM unnest($2::uuid[]) id`,
    [group.createGroup.id, ids],
  );
  await pgc.end();

  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await send(dm.openDirectConversation.id));
  const sentAt = performance.now();
  await send(group.createGroup.id);
  const returned = performance.now();
  const during: number[] = [];
  while (received < MEMBERS - 1 && performance.now() - returned < 300_000) {
    during.push(await send(dm.openDirectConversation.id));
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (lastAt - returned) / 1000;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `| members | pushes | last push after sendMessage returned | pushes/s (after the ${AGGREGATE_SECONDS} s aggregation window) | sendMessage p50 / p99 idle | during the fan-out |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${MEMBERS} | ${received} | ${seconds.toFixed(1)} s | ${Math.round(received / Math.max(0.001, seconds - AGGREGATE_SECONDS))} | ${ms(quantile(idle, 0.5))} / ${ms(quantile(idle, 0.99))} | ${ms(quantile(during, 0.5))} / ${ms(quantile(during, 0.99))} (${during.length} sends) |`,
  );
  console.log(`group sendMessage itself: ${ms(returned - sentAt)}`);
} finally {
  node.kill('SIGTERM');
  await node.exited;
  service.close();
  await db.drop();
  await rm(dir, { recursive: true, force: true });
}
