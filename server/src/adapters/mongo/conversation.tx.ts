import { joinedMember, type Conversation, type ConversationEvent, type ConversationTx } from '@parley/core';
import type { ClientSession } from 'mongoose';
import { openTx } from '../postgres/conversation.tx';
import type { Queryable } from '../postgres/database';
import type { ChatModels } from './chat.models';
import { expireMongoMessages } from './message.expiry';
import { insertEvent, mongoMessageWrites, type MongoTxState } from './message.tx';

/** The MongoDB side of one write: its transaction and the conversation's head as read under the lock. */
export interface MongoSide {
  models: ChatModels;
  session: ClientSession;
  /** The head's seq, or null when the conversation has none yet. */
  headSeq: number | null;
}

/**
 * The writes of one locked conversation across both stores: members, roles, title and receipt
 * marks in the PostgreSQL transaction `q` (which holds the row lock), messages, reactions and the
 * event log in the MongoDB transaction. Seqs are handed out from the locked state; `finish` moves
 * the MongoDB head and the PostgreSQL row to the new last seq, before either commits.
 */
export function openHybridTx(
  q: Queryable,
  mongo: MongoSide,
  locked: Conversation,
): { tx: ConversationTx; finish: () => Promise<void> } {
  const pg = openTx(q, locked);
  const own = { lastSeq: locked.lastSeq, lastActivityAt: locked.lastActivityAt, lastMessageId: locked.lastMessageId };
  let added = 0;
  let appended = false;
  let membersChanged = false;
  let newLastMessage: string | null = null;
  const view: Conversation = { ...locked };
  // What PostgreSQL's side changed (title, receipts, removals) under what this side changed.
  const sync = () =>
    Object.assign(view, pg.tx.conversation, own, { memberCount: pg.tx.conversation.memberCount + added });
  const t: MongoTxState = {
    models: mongo.models,
    session: mongo.session,
    state: view,
    next: () => ({ seq: own.lastSeq + 1, createdAt: new Date().toISOString() }),
    advance(seq, createdAt) {
      own.lastSeq = seq;
      own.lastActivityAt = createdAt;
      appended = true;
      sync();
    },
    setLastMessage(id) {
      own.lastMessageId = id;
      newLastMessage = id;
      sync();
    },
  };
  const tx: ConversationTx = {
    ...pg.tx,
    get conversation() {
      return sync();
    },
    ...mongoMessageWrites(t),
    expireMessages: (before, limit) => expireMongoMessages(t, before, limit),
    async addMember(userId, role, user) {
      const { seq, createdAt } = t.next();
      const joined = joinedMember(view.id, userId, role, seq, createdAt, true);
      const { rows } = await q.query<{ read_receipts: boolean }>(
        `INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq, last_read_seq, last_delivered_seq,
           read_receipts)
         SELECT $1, $2, $3, $4, $5, $6, $6, COALESCE((SELECT read_receipts FROM users WHERE id = $2), true)
         RETURNING read_receipts`,
        [view.id, userId, role, createdAt, seq, seq - 1],
      );
      const member = { ...joined, readReceipts: rows[0]?.read_receipts ?? true };
      const event = { type: 'MemberJoined', member: { ...member, user }, conversationId: view.id, seq, createdAt };
      await insertEvent(t, event as ConversationEvent);
      added += 1;
      membersChanged = true;
      t.advance(seq, createdAt);
      return { member, event: event as ConversationEvent };
    },
    async deleteMember(userId) {
      await pg.tx.deleteMember(userId);
      membersChanged = true;
      sync();
    },
    async appendEvent(build) {
      const { seq, createdAt } = t.next();
      const event = { ...build(seq, createdAt), conversationId: view.id, seq, createdAt } as ConversationEvent;
      await insertEvent(t, event);
      t.advance(seq, createdAt);
      return event;
    },
  };
  return {
    tx,
    async finish() {
      if (appended) {
        const { heads } = mongo.models;
        const { session, headSeq } = mongo;
        // The head is in this transaction's write set: a writer that got past the row lock (it
        // cannot, while nodes share PostgreSQL) would fail here on the seq it expected.
        if (headSeq === null) {
          await heads.create([{ _id: view.id, seq: own.lastSeq }], { session });
        } else {
          const r = await heads.updateOne({ _id: view.id, seq: headSeq }, { $set: { seq: own.lastSeq } }, { session });
          if (r.matchedCount === 0) throw new Error(`conversation ${view.id}: its head moved during a locked write`);
        }
      }
      if (!appended && !membersChanged) return;
      await q.query(
        `UPDATE conversations SET last_seq = $2, last_activity_at = $3,
           member_count = (SELECT count(*) FROM members WHERE conversation_id = $1),
           last_message_id = COALESCE($4, last_message_id)
         WHERE id = $1`,
        [view.id, own.lastSeq, own.lastActivityAt, newLastMessage],
      );
    },
  };
}
