import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { gql, record, until, wsClient } from '../support/client';
import { TEST_REDIS_URL } from '../support/databases';
import { needs } from '../support/needs';
import { signUp } from '../support/users';

const SEND = `mutation($c: ID!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: "hi" }) { seq } }`;

describe.skipIf(needs('postgres', 'redis'))('Redis use per conversation', () => {
  let app: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    app = await startTestApp('postgres', { REDIS_URL: TEST_REDIS_URL! });
    redis = new Redis(TEST_REDIS_URL!, { lazyConnect: true });
    await redis.connect();
  }, 120_000);
  afterAll(async () => {
    redis?.disconnect();
    await app?.stop();
  });

  it('publishes once per event and subscribes once per conversation with local subscribers, without patterns', async () => {
    const [ana, ben, cy] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben'), await signUp(app.url, 'cy')];
    const created = (
      await gql(
        app.url,
        `mutation($m: [ID!]!) { createGroup(input: { title: "redis", memberIds: $m }) { id lastSeq } }`,
        { m: [ben.id, cy.id] },
        ana.token,
      )
    ).data!.createGroup as { id: string; lastSeq: number };
    const group = created.id;
    const channel = `parley:conversation:${group}`;
    const numsub = async () => Number(((await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number])[1]);

    // Six sockets on this node follow the conversation from its creation, so one that goes live after the
    // first sends still gets every message.
    const clients = [ben, ben, ben, cy, cy, cy].map((u) => wsClient(app.url, u.token));
    const recs = clients.map((c) =>
      record(
        c,
        `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { seq } }`,
        { c: group, a: created.lastSeq },
        'conversationEvents',
      ),
    );
    await until(async () => (await numsub()) === 1);

    // A listener of our own counts what is published on the conversation's channel.
    const listener = new Redis(TEST_REDIS_URL!);
    let published = 0;
    listener.on('message', (ch) => ch === channel && published++);
    await listener.subscribe(channel);
    expect(await numsub()).toBe(2); // the node's one subscription, and the listener

    for (let i = 0; i < 5; i++) await gql(app.url, SEND, { c: group, k: randomUUID() }, ana.token);
    await Promise.all(recs.map((r) => r.waitFor(5)));
    await until(() => published >= 5);
    expect(published).toBe(5);
    expect(Number(await redis.call('PUBSUB', 'NUMPAT'))).toBe(0);

    // When the last local subscriber goes, so does the node's subscription.
    for (const r of recs) r.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    await until(async () => (await numsub()) === 1);
    listener.disconnect();
  }, 60_000);
});
