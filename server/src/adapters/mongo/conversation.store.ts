import type { ConversationStore } from '@parley/core';
import type { ClientSession } from 'mongoose';
import { CONVERSATION_COLUMNS, toConversation, type ConversationRow } from '../postgres/chat.rows';
import { createPgConversationStore } from '../postgres/conversation.store';
import { insertConversation } from '../postgres/conversation.tx';
import type { Database } from '../postgres/database';
import { createKeyedQueue } from '../postgres/keyed-queue';
import { openHybridTx } from './conversation.tx';
import { repairFromLog } from './head.repair';
import { mongoMessageReads } from './message.reads';
import type { MongoDatabase } from './mongo.database';

/**
 * {@link ConversationStore} with conversations, members and read markers in PostgreSQL and
 * messages, the event log, reactions and hidden messages in MongoDB.
 *
 * A write holds the conversation's PostgreSQL row lock for its whole length and runs one MongoDB
 * transaction inside it: the lock orders writers (and a send's membership check against a
 * removal), the MongoDB transaction appends events and moves the conversation's head together.
 * MongoDB commits first, then PostgreSQL; if the process dies between the two, the event log is
 * ahead of PostgreSQL's row and the next write repairs the row from it ({@link repairFromLog}).
 */
export function createMongoConversationStore(db: Database, mongo: MongoDatabase): ConversationStore {
  const { models, conn } = mongo;
  const pg = createPgConversationStore(db);
  // As in the PostgreSQL store: writers of one conversation queue here rather than on the row lock,
  // each holding a pooled connection.
  const writers = createKeyedQueue();

  /** Runs `fn` in a MongoDB transaction, committed when it resolves and aborted when it throws. */
  async function inMongoTx<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = await conn.startSession();
    try {
      session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
      const result = await fn(session);
      await session.commitTransaction();
      return result;
    } catch (err) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      throw err;
    } finally {
      await session.endSession();
    }
  }

  return {
    async create(conversation, members, fn) {
      return db.transaction(async (q) => {
        const inserted = await insertConversation(q, conversation, members);
        if ('existing' in inserted) return { created: false as const, conversation: inserted.existing };
        const created = inserted.created;
        return inMongoTx(async (session) => {
          const { tx, finish } = openHybridTx(q, { models, session, headSeq: null }, created);
          const result = await fn(tx);
          await finish();
          return { created: true as const, conversation: tx.conversation, result };
        });
      });
    },

    async write(conversationId, fn) {
      return writers.run(conversationId, () =>
        db.transaction(async (q) => {
          const { rows } = await q.query<ConversationRow>(
            `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1 FOR UPDATE`,
            [conversationId],
          );
          if (!rows[0]) return null;
          let locked = toConversation(rows[0]);
          return inMongoTx(async (session) => {
            const head = await models.heads.findById(conversationId).session(session).lean();
            // A conversation from before the message store moved to MongoDB has no head yet: its
            // next event continues from PostgreSQL's last seq.
            if (head && head.seq > locked.lastSeq) locked = await repairFromLog(q, models, session, locked);
            const { tx, finish } = openHybridTx(q, { models, session, headSeq: head?.seq ?? null }, locked);
            const result = await fn(tx);
            await finish();
            return { result };
          });
        }),
      );
    },

    getConversations: pg.getConversations,
    getMemberships: pg.getMemberships,
    listMembers: pg.listMembers,
    listConversations: pg.listConversations,
    conversationIdsOf: pg.conversationIdsOf,
    retentionPage: pg.retentionPage,
    markRead: pg.markRead,
    markDelivered: pg.markDelivered,
    receiptMarkers: pg.receiptMarkers,
    setReadReceipts: pg.setReadReceipts,
    ...mongoMessageReads(db, models),
  };
}
