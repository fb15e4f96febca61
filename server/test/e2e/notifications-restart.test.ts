import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, until } from '../support/client';
import { createTestDatabase } from '../support/databases';
import { needs } from '../support/needs';
import { freePort, spawnNode, stopNode, type NodeProcess } from '../support/process';
import { startPushEndpoint, type PushEndpoint } from '../support/push-endpoint';
import { signUp } from '../support/users';

describe.skipIf(needs('postgres'))('a node killed while a push is in flight', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let push: PushEndpoint;
  let dir: string;
  let env: Record<string, string>;
  let node: NodeProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    push = await startPushEndpoint();
    dir = await mkdtemp(path.join(tmpdir(), 'parley-push-'));
    await writeFile(path.join(dir, 'ca.pem'), push.cert);
    env = {
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      JWT_SECRET: 'push-restart-secret-0123456789-abcdefgh',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      // The test's push service has a self-signed certificate: Node's own switch for extra trusted CAs.
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      NOTIFY_AGGREGATE_SECONDS: '1',
      JOB_EXPIRE_SECONDS: '4',
    };
    node = await spawnNode(env);
  }, 120_000);

  afterAll(async () => {
    await stopNode(node);
    await push?.stop();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('delivers the notification once after the restart', async () => {
    const [ana, ben] = [await signUp(node!.url, 'ana'), await signUp(node!.url, 'ben')];
    const sub = push.subscribe();
    await gql(
      node!.url,
      `mutation($i: PushSubscriptionInput!) { registerPushSubscription(input: $i) }`,
      {
        i: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth },
      },
      ana.token,
    );
    const dm = (
      await gql(node!.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: ana.id }, ben.token)
    ).data!.openDirectConversation.id;
    push.hold(true);
    await gql(
      node!.url,
      `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`,
      {
        i: { conversationId: dm, clientMessageId: 'k1', text: 'are you awake?' },
      },
      ben.token,
    );
    await until(() => push.requests >= 1, 20_000);
    node!.kill('SIGKILL');
    await node!.exited;
    push.hold(false);
    expect(sub.received).toEqual([]);

    node = await spawnNode(env);
    await until(() => sub.received.length >= 1, 30_000);
    // Once the queue is empty nothing else is coming: the push was not sent twice.
    await until(async () => {
      const r = await fetch(`${node!.url}/readyz`);
      return r.ok;
    });
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await until(
        async () =>
          (
            await pg.query(
              `SELECT 1 FROM pgboss.job WHERE name LIKE 'notify-%' AND state IN ('created', 'retry', 'active')`,
            )
          ).rowCount === 0,
        20_000,
      );
    } finally {
      await pg.end();
    }
    expect(sub.received).toHaveLength(1);
    expect(sub.received[0]).toMatchObject({ body: 'are you awake?', count: 1 });
  }, 120_000);
});
