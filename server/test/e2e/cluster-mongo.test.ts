import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, record, until, wsClient, type Recorder } from '../support/client';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { startMongoEmulator, type MongoEmulator } from '../support/mongo-server';
import { needs } from '../support/needs';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp, type TestUser } from '../support/users';

const EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) {
  conversationId seq __typename
  ... on MessageAdded { message { id seq clientMessageId sender { id } } }
  ... on MemberLeft { user { id } }
} }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq clientMessageId } }`;
const PER_SENDER = 30;

describe.skipIf(needs('postgres', 'redis', 'mongo-emulator'))('two nodes with messages in MongoDB (emulator)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let mongo: MongoEmulator | undefined;
  const nodes: NodeProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    mongo = await startMongoEmulator();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL!,
      MONGODB_URL: mongo.url,
      JWT_SECRET: 'cluster-test-secret-0123456789-abcdef',
      LOG_LEVEL: 'warn',
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      RATE_SEND_PER_SECOND: '100000',
      RATE_SEND_BURST: '100000',
      RATE_DUPLICATE_MAX: '100000',
    };
    nodes.push(await spawnNode(env));
    nodes.push(await spawnNode(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(nodes.map(stopNode));
    await mongo?.stop();
    await db?.drop();
  }, 60_000);

  it('orders sends racing a member’s removal the same for every subscriber on both nodes and for replay', async () => {
    const [A, B] = nodes as [NodeProcess, NodeProcess];
    const nodeOf = (i: number) => (i % 2 === 0 ? A : B);
    const owner = await signUp(A.url, 'own');
    const senders: TestUser[] = [await signUp(A.url, 's0'), await signUp(B.url, 's1')];
    const victim = await signUp(B.url, 'vic');
    const watchers = [await signUp(A.url, 'wa'), await signUp(B.url, 'wb')];
    const created = await gql(
      A.url,
      `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
      { i: { title: 'Race', memberIds: [...senders, victim, ...watchers].map((u) => u.id) } },
      owner.token,
    );
    const groupId: string = created.data!['createGroup'].id;
    const subs: Recorder<any>[] = watchers.map((w, i) => {
      const c = wsClient(nodeOf(i).url, w.token);
      clients.push(c);
      return record(c, EVENTS, { c: groupId, a: 0 }, 'conversationEvents');
    });
    // Subscribed once a message sent now reaches both.
    const first = await gql(
      A.url,
      SEND,
      { i: { conversationId: groupId, clientMessageId: 'hello', text: 'hi' } },
      owner.token,
    );
    await until(() => subs.every((s) => s.events.some((e) => e.seq === first.data!['sendMessage'].seq)));

    // Every sender alternates nodes; the victim's sends race the owner removing them from the other node.
    // Every fifth send of the others is also retried at once on the other node, as a client does that
    // timed out: both must answer with the one stored message.
    const outcomes: { user: string; key: string; seq: number | null; code: unknown }[] = [];
    const retried: [unknown, unknown][] = [];
    const sendAll = async (u: TestUser, tag: string) => {
      for (let k = 0; k < PER_SENDER; k++) {
        const key = `${tag}-${k}`;
        const send = (node: NodeProcess) =>
          gql(node.url, SEND, { i: { conversationId: groupId, clientMessageId: key, text: key } }, u.token);
        const retry = u !== victim && k % 5 === 0;
        const [r, again] = await Promise.all([send(nodeOf(k)), retry ? send(nodeOf(k + 1)) : null]);
        if (again) retried.push([r.data?.['sendMessage'], again.data?.['sendMessage']]);
        outcomes.push({ user: u.id, key, seq: r.data?.['sendMessage']?.seq ?? null, code: codeOf(r) });
      }
    };
    const removal = (async () => {
      await until(() => outcomes.filter((o) => o.user === victim.id).length >= PER_SENDER / 3);
      const r = await gql(
        A.url,
        `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { lastSeq } }`,
        { c: groupId, u: victim.id },
        owner.token,
      );
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    })();
    await Promise.all([...senders.map((u, i) => sendAll(u, `s${i}`)), sendAll(victim, 'v'), removal]);

    const lastSeq = (
      await gql(A.url, `query($c: ID!) { conversation(id: $c) { lastSeq } }`, { c: groupId }, owner.token)
    ).data!['conversation'].lastSeq as number;
    await until(() => subs.every((s) => s.events.length >= lastSeq || s.errors.length > 0), 30_000);
    const replayClient = wsClient(B.url, watchers[0]!.token);
    clients.push(replayClient);
    const replay = record(replayClient, EVENTS, { c: groupId, a: 0 }, 'conversationEvents');
    await until(() => replay.events.length >= lastSeq || replay.errors.length > 0, 30_000);

    const oneToN = Array.from({ length: lastSeq }, (_, i) => i + 1);
    const order = (r: Recorder<any>) => r.events.map((e) => `${e.seq}:${e.__typename}:${e.message?.id ?? e.user?.id}`);
    for (const r of [...subs, replay]) {
      expect(r.errors).toEqual([]);
      expect(r.events.map((e) => e.seq)).toEqual(oneToN);
      expect(order(r)).toEqual(order(subs[0]!));
    }
    const leftAt = subs[0]!.events.find((e) => e.__typename === 'MemberLeft' && e.user.id === victim.id)?.seq;
    expect(leftAt).toBeGreaterThan(0);
    // Each of the victim's sends was stored before their removal or refused (as for any non-member:
    // the conversation is not found); none after it.
    const mine = outcomes.filter((o) => o.user === victim.id);
    for (const o of mine) {
      if (o.seq === null) expect(o.code).toBe('NOT_FOUND');
      else expect(o.seq).toBeLessThan(leftAt!);
    }
    expect(mine.some((o) => o.seq === null)).toBe(true);
    const victimsEvents = subs[0]!.events.filter(
      (e) => e.__typename === 'MessageAdded' && e.message.sender?.id === victim.id,
    );
    expect(victimsEvents.map((e) => e.seq)).toEqual(mine.filter((o) => o.seq !== null).map((o) => o.seq));
    // Everyone else's sends all went through, each once.
    const others = outcomes.filter((o) => o.user !== victim.id);
    expect(others.every((o) => o.seq !== null)).toBe(true);
    expect(retried).toHaveLength(2 * (PER_SENDER / 5));
    for (const [first, again] of retried) {
      expect(first).toMatchObject({ id: expect.any(String), seq: expect.any(Number) });
      expect(again).toEqual(first);
    }
    // Plus 'hello'; system messages (the group's creation, the removal) have no sender.
    const sent = subs[0]!.events.filter((e) => e.__typename === 'MessageAdded' && e.message.sender);
    expect(sent).toHaveLength(1 + others.length + victimsEvents.length);
  }, 120_000);
});
