import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT, OPS } from '../support/chat';
import { gql, record, until, wsClient, type Recorder } from '../support/client';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { needs } from '../support/needs';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp, type TestUser } from '../support/users';

const SUBSCRIBE = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { ${EVENT} } }`;

describe.skipIf(needs('postgres', 'redis'))('message lifecycle across two nodes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let A: NodeProcess;
  let B: NodeProcess;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL!,
      JWT_SECRET: 'lifecycle-cluster-secret-0123456789-ab',
      LOG_LEVEL: 'warn',
    };
    // One after the other, so the second node finds the migrations applied.
    A = await spawnNode(env);
    B = await spawnNode(env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all([stopNode(A), stopNode(B)]);
    await db?.drop();
  }, 60_000);

  /** Runs an operation on `node` and returns its root field; fails on errors. */
  const call = async (node: NodeProcess, u: TestUser, query: string, variables: Record<string, unknown>) => {
    const r = await gql(node.url, query, variables, u.token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return Object.values(r.data!)[0] as any;
  };
  const subscribe = (node: NodeProcess, u: TestUser, c: string, afterSeq: number): Recorder<any> => {
    const client = wsClient(node.url, u.token);
    clients.push(client);
    return record(client, SUBSCRIBE, { c, a: afterSeq }, 'conversationEvents');
  };
  const createGroup = async (owner: TestUser, members: TestUser[]): Promise<string> =>
    (
      await call(A, owner, `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`, {
        i: { title: 'Cluster', memberIds: members.map((m) => m.id) },
      })
    ).id;
  const lastSeq = async (u: TestUser, c: string): Promise<number> =>
    (await call(A, u, `query($c: ID!) { conversation(id: $c) { lastSeq } }`, { c })).lastSeq;
  let key = 0;
  const send = (node: NodeProcess, u: TestUser, c: string, text: string, extra: Record<string, unknown> = {}) =>
    call(node, u, OPS.send, { i: { conversationId: c, clientMessageId: `k${++key}`, text, ...extra } });
  const expectOnceInOrder = (rec: Recorder<any>, from: number, to: number) => {
    expect(rec.errors).toEqual([]);
    expect(rec.events.map((e) => e.seq)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  };

  it('delivers the events of changes made through node A to a subscriber on node B, once each and in order', async () => {
    const [a, b, w] = [await signUp(A.url, 'ca'), await signUp(A.url, 'cb'), await signUp(B.url, 'cw')];
    const reactors = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(i % 2 ? A.url : B.url, 'cr')));
    const g = await createGroup(a, [b, w, ...reactors]);
    const start = await lastSeq(a, g);
    const onB = subscribe(B, w, g, start);

    const m1 = await send(A, a, g, 'hello from A');
    await call(A, a, OPS.edit, { m: m1.id, t: 'hello from A, edited' });
    await call(A, b, OPS.react, { m: m1.id, e: '👍' });
    const reply = await send(A, b, g, 'in the thread', { threadRootId: m1.id });
    const m2 = await send(A, a, g, 'soon gone');
    await call(A, a, OPS.delete, { m: m2.id, e: true });
    await call(A, b, OPS.markRead, { c: g, s: m2.seq });
    await until(() => onB.events.some((e) => e.__typename === 'ReceiptsUpdated') || onB.errors.length > 0, 10_000);
    const receiptsSeq = m2.seq + 2;
    expectOnceInOrder(onB, start + 1, receiptsSeq);
    expect(onB.events.map((e) => e.__typename)).toEqual([
      'MessageAdded',
      'MessageUpdated', // edit
      'MessageUpdated', // reaction
      'MessageAdded', // thread reply
      'MessageUpdated', // its root's summary
      'MessageAdded',
      'MessageUpdated', // deleted
      'ReceiptsUpdated',
    ]);
    const [, edited, reacted, replied, summary, , deleted, receipts] = onB.events;
    expect(edited.message).toMatchObject({ id: m1.id, text: 'hello from A, edited' });
    expect(reacted.message.reactions).toMatchObject([{ emoji: '👍', count: 1, reactedByMe: false }]);
    expect(replied.message).toMatchObject({ id: reply.id, threadRootId: m1.id });
    expect(summary.message.thread).toMatchObject({ replyCount: 1, participants: [{ id: b.id }] });
    expect(deleted.message).toMatchObject({ id: m2.id, text: null });
    expect(receipts.readers).toEqual([{ userId: b.id, lastReadSeq: m2.seq, lastDeliveredSeq: m2.seq }]);

    // Ten people reacting to one message at once through both nodes: ten events, once each, in order.
    await Promise.all(reactors.map((u, i) => call(i % 2 ? A : B, u, OPS.react, { m: m1.id, e: i % 3 ? '🔥' : '🎉' })));
    await until(() => onB.events.length >= receiptsSeq - start + 10 || onB.errors.length > 0, 10_000);
    expectOnceInOrder(onB, start + 1, receiptsSeq + 10);
    const last = onB.events[onB.events.length - 1].message;
    expect(last.reactions.map((r: any) => [r.emoji, r.count])).toEqual(
      expect.arrayContaining([
        ['👍', 1],
        ['🔥', 6],
        ['🎉', 4],
      ]),
    );
    expect(await lastSeq(a, g)).toBe(receiptsSeq + 10);
  }, 60_000);

  it('announces receipts at most once a second while both nodes take markRead calls for one conversation', async () => {
    const owner = await signUp(A.url, 'ro');
    const readers = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(i % 2 ? A.url : B.url, 'rr')));
    const g = await createGroup(owner, readers);
    for (let i = 0; i < 60; i++) await send(A, owner, g, `m${i}`);
    const top = await lastSeq(owner, g);
    const [onA, onB] = [subscribe(A, owner, g, top), subscribe(B, readers[0]!, g, top)];

    // Every reader reads on, one message a round, each round through the other node than the last,
    // for three seconds or until the newest message.
    const started = Date.now();
    let seq = 1;
    for (; seq < top && Date.now() - started < 3000; seq++) {
      await Promise.all(readers.map((u, i) => call((i + seq) % 2 ? A : B, u, OPS.markRead, { c: g, s: seq })));
    }
    const final = seq - 1;
    const announcedAll = (rec: Recorder<any>) => {
      const last = new Map<string, number>();
      for (const e of rec.events) for (const r of e.readers ?? []) last.set(r.userId, r.lastReadSeq);
      return readers.every((u) => last.get(u.id) === final);
    };
    await until(() => (announcedAll(onA) && announcedAll(onB)) || onA.errors.length + onB.errors.length > 0, 15_000);
    const settledMs = Date.now() - started;

    expect(onA.events.every((e) => e.__typename === 'ReceiptsUpdated')).toBe(true);
    expectOnceInOrder(onA, top + 1, top + onA.events.length);
    expectOnceInOrder(onB, top + 1, top + onA.events.length);
    expect(onA.events.length).toBeGreaterThanOrEqual(2);
    expect(onA.events.length).toBeLessThanOrEqual(Math.floor(settledMs / 1000) + 1);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      const { rows } = await sql.query<{ seq: number; at: Date }>(
        `SELECT seq, created_at AS at FROM conversation_events WHERE conversation_id = $1 AND type = 'ReceiptsUpdated' ORDER BY seq`,
        [g],
      );
      expect(rows.map((r) => r.seq)).toEqual(onA.events.map((e) => e.seq));
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.at.getTime() - rows[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(1000);
      }
    } finally {
      await sql.end();
    }
    console.info(
      `receipts on two nodes: ${readers.length * final} markRead calls, ${onA.events.length} ReceiptsUpdated in ${settledMs} ms`,
    );
  }, 60_000);
});
