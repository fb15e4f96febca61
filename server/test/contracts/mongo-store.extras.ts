import { randomUUID } from 'node:crypto';
import type { ConversationEvent, ConversationStore, MessageDraft } from '@parley/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMongoConversationStore } from '../../src/adapters/mongo/conversation.store';
import { sweepLostCommits } from '../../src/adapters/mongo/head.sweep';
import type { Database } from '../../src/adapters/postgres/database';
import { until } from '../support/client';
import { contractHelpers, snapshot } from './conversation-store/fixture';
import { openHybridFixture, type MongoLane } from './support/mongo';

type Fixture = Awaited<ReturnType<typeof openHybridFixture>>;

/** A database whose transactions all roll back after their work: a process that died before PostgreSQL's commit. */
const diesBeforePgCommit = (db: Database): Database => ({
  ...db,
  transaction: (fn) =>
    db.transaction(async (q) => {
      await fn(q);
      throw new Error('died between the MongoDB and the PostgreSQL commit');
    }),
});

/** A plain text message from `senderId`. */
const draftOf = (senderId: string, text: string): MessageDraft => ({
  id: randomUUID(),
  clientMessageId: randomUUID(),
  senderId,
  kind: 'TEXT',
  text,
  format: 'PLAIN',
  replyToId: null,
  threadRootId: null,
  forwardedFrom: null,
  mentionIds: [],
  attachments: [],
  location: null,
  sender: null,
  replyTo: null,
  mentions: [],
});

/** What the hybrid store must do beyond the port's contract: ordering across the two stores and recovery. */
export function defineMongoStoreExtras(lane: MongoLane): void {
  describe(`PostgreSQL + MongoDB (${lane}): across the two stores`, () => {
    let f: Fixture | undefined;
    beforeAll(async () => {
      f = await openHybridFixture(lane);
    }, 60_000);
    afterAll(() => f?.dispose());
    const h = contractHelpers(() => f!);
    const store = (): ConversationStore => f!.store;

    // Two stores on the same databases are two nodes: only PostgreSQL's row lock orders them.
    const otherNode = () => createMongoConversationStore(f!.sql.db, f!.mongo);
    /** Resolves once another transaction waits for a row lock in the test database. */
    const someoneWaitsForTheLock = () =>
      until(async () => {
        const { rows } = await f!.sql.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0]!.n > 0;
      });
    const memberLeft = (userId: string) => ({ type: 'MemberLeft' as const, userId, user: null });

    for (const first of ['send', 'removal'] as const) {
      it(`orders a send racing the sender's removal on another node (${first} takes the lock first)`, async () => {
        const [a, b] = await h.users(2);
        const conv = await h.newConversation([a!, b!]);
        const other = otherNode();
        // As the message service sends: the sender's membership is checked inside the write.
        const send = (s: ConversationStore, hold: () => Promise<void>) =>
          s.write(conv.id, async (tx) => {
            const member = await tx.getMember(b!);
            await hold();
            return member ? (await h.addMessage(tx, b!)).seq : ('refused' as const);
          });
        const remove = (s: ConversationStore, hold: () => Promise<void>) =>
          s.write(conv.id, async (tx) => {
            await tx.deleteMember(b!);
            await hold();
            return (await tx.appendEvent(() => memberLeft(b!))).seq;
          });
        // The first, past its first step under the lock, lets the other start and waits until it
        // is seen waiting for the lock.
        let locked = () => {};
        const hasLock = new Promise<void>((r) => (locked = r));
        const hold = async () => {
          locked();
          await someoneWaitsForTheLock();
        };
        const go = async () => {};
        const [sent, left] =
          first === 'send'
            ? await Promise.all([send(store(), hold), hasLock.then(() => remove(other, go))])
            : await Promise.all([hasLock.then(() => send(other, go)), remove(store(), hold)]);
        const events = await store().eventsAfter(conv.id, 0, 10);
        expect(events.map((e) => [e.seq, e.type])).toEqual(
          first === 'send'
            ? [
                [1, 'MessageAdded'],
                [2, 'MemberLeft'],
              ]
            : [[1, 'MemberLeft']],
        );
        expect(sent!.result).toBe(first === 'send' ? 1 : 'refused');
        expect(left!.result).toBe(first === 'send' ? 2 : 1);
        expect(await h.get(conv.id)).toMatchObject({ lastSeq: events.length, memberCount: 1 });
      });
    }

    it('erases a deleted message from MongoDB: its document, its events and the replies quoting it', async () => {
      const [a] = await h.users(1);
      const conv = await h.newConversation([a!]);
      const secret = `secret-${randomUUID()}`;
      const res = await store().write(conv.id, async (tx) => {
        const original = await h.addMessage(tx, a!);
        const edited = { ...original, text: `${secret} edited`, editedAt: new Date().toISOString() };
        await tx.saveMessage(edited, { sender: null, replyTo: null, mentions: [] });
        const reply = await tx.appendMessage({
          ...draftOf(a!, 'noted'),
          replyToId: original.id,
          replyTo: edited,
        });
        return { original: edited, reply: reply.message };
      });
      const { original } = res!.result;
      const traces = async () => {
        const docs = [
          ...(await f!.mongo.models.messages.find({ conversationId: conv.id }).lean()),
          ...(await f!.mongo.models.events.find({ conversationId: conv.id }).lean()),
        ];
        return docs.filter((d) => JSON.stringify(d).includes(secret)).length;
      };
      expect(await traces()).toBeGreaterThan(0);
      await store().write(conv.id, async (tx) => {
        const tombstone = { ...original, text: null, mentionIds: [], deletedAt: new Date().toISOString() };
        await tx.saveMessage(tombstone, { sender: null, replyTo: null, mentions: [] });
        await tx.redactEvents(tombstone);
      });
      expect(await traces()).toBe(0);
      const events = await store().eventsAfter(conv.id, 0, 10);
      expect(events.map((e) => e.type)).toEqual(['MessageAdded', 'MessageUpdated', 'MessageAdded', 'MessageUpdated']);
      expect(events[2]).toMatchObject({ message: { replyTo: { id: original.id, text: null } } });
    });

    it('repairs PostgreSQL from the event log when it lost a write MongoDB committed', async () => {
      const [a, b, c] = await h.users(3);
      const conv = await h.newConversation([a!, b!]);
      await h.send(conv.id, a!); // 1
      const crashing = createMongoConversationStore(diesBeforePgCommit(f!.sql.db), f!.mongo);
      let sent = '';
      await expect(
        crashing.write(conv.id, async (tx) => {
          await tx.addMember(c!, 'ADMIN', snapshot(c!)); // 2
          await tx.deleteMember(b!);
          await tx.appendEvent(() => ({ type: 'MemberLeft', userId: b!, user: null })); // 3
          sent = (await h.addMessage(tx, c!)).id; // 4
        }),
      ).rejects.toThrow(/died between/);
      // MongoDB kept the events; PostgreSQL's row and members are as before.
      expect((await store().eventsAfter(conv.id, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(await h.get(conv.id)).toMatchObject({ lastSeq: 1, memberCount: 2 });
      // The next write under the lock brings PostgreSQL up to the log first, then continues from it.
      const next = await h.send(conv.id, c!);
      expect(next.seq).toBe(5);
      expect(await h.get(conv.id)).toMatchObject({ lastSeq: 5, memberCount: 2, lastMessageId: next.id });
      const members = await store().listMembers(conv.id, 10, null);
      expect(members.map((m) => [m.userId, m.role, m.joinedSeq])).toEqual([
        [a, 'OWNER', 0],
        [c, 'ADMIN', 2],
      ]);
      expect((await store().getMessages([sent]))[0]?.seq).toBe(4);
      const types = (await store().eventsAfter(conv.id, 0, 10)).map((e: ConversationEvent) => e.type);
      expect(types).toEqual(['MessageAdded', 'MemberJoined', 'MemberLeft', 'MessageAdded', 'MessageAdded']);
    });

    it('sweeps conversations a lost PostgreSQL commit left behind, without waiting for their next write', async () => {
      const [a, b] = await h.users(2);
      const conv = await h.newConversation([a!, b!]);
      const crashing = createMongoConversationStore(diesBeforePgCommit(f!.sql.db), f!.mongo);
      await expect(
        crashing.write(conv.id, async (tx) => {
          await tx.deleteMember(b!);
          await tx.appendEvent(() => ({ type: 'MemberLeft', userId: b!, user: null }));
        }),
      ).rejects.toThrow(/died between/);
      expect(await store().getMemberships([{ conversationId: conv.id, userId: b! }])).toHaveLength(1);
      const sweep = () => sweepLostCommits(f!.sql.db, f!.mongo.models, store(), { batch: 2 });
      expect(await sweep()).toBeGreaterThanOrEqual(1);
      expect(await store().getMemberships([{ conversationId: conv.id, userId: b! }])).toEqual([]);
      expect(await h.get(conv.id)).toMatchObject({ lastSeq: 1, memberCount: 1 });
      expect(await sweep()).toBe(0);
    });
  });
}
