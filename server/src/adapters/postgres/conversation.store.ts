import type { Conversation } from '@parley/core';
import { InvalidCursorError, type ConversationStore } from '@parley/core';
import {
  CONVERSATION_COLUMNS,
  MEMBER_COLUMNS,
  MESSAGE_COLUMNS,
  toConversation,
  toMember,
  toMessage,
  type ConversationRow,
  type EventRow,
  type MemberRow,
  type MessageRow,
} from './chat.rows';
import { insertConversation, openTx } from './conversation.tx';
import type { Database } from './database';
import { createGroupCommit } from './group-commit';
import { pgMessageReads } from './message.reads';

const encodeCursor = (c: Conversation) => Buffer.from(`${c.lastActivityAt}|${c.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}

export { InvalidCursorError };

/** {@link ConversationStore} on PostgreSQL or PGlite. */
export function createPgConversationStore(db: Database): ConversationStore {
  // Two: the fewer transactions, the more writes each takes (measured: one or two carry a third
  // more sends than five on two cores). More only while one has run for 50 ms (a slow write), and
  // never the whole pool: reads and other transactions need connections too.
  const open = Math.min(2, db.poolSize);
  const writes = createGroupCommit(db, { open, most: Math.max(open, db.poolSize - 2), slowMs: 50 });
  return {
    async create(conversation, members, fn) {
      return db.transaction(async (q) => {
        const inserted = await insertConversation(q, conversation, members);
        if ('existing' in inserted) return { created: false as const, conversation: inserted.existing };
        const created = inserted.created;
        const { tx, finish } = openTx(q, created);
        const result = await fn(tx);
        await finish();
        return { created: true as const, conversation: tx.conversation, result };
      });
    },

    write: (conversationId, fn, actorId) => writes.write(conversationId, fn, actorId),

    async getConversations(ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<ConversationRow>(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return rows.map(toConversation);
    },

    async getMemberships(pairs) {
      if (pairs.length === 0) return [];
      const { rows } = await db.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members
         WHERE (conversation_id, user_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [pairs.map((p) => p.conversationId), pairs.map((p) => p.userId)],
      );
      return rows.map(toMember);
    },

    async listMembers(conversationId, first, afterUserId) {
      const { rows } = await db.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members m
         WHERE conversation_id = $1 AND ($3::uuid IS NULL OR (joined_seq, user_id) >
           (SELECT joined_seq, user_id FROM members WHERE conversation_id = $1 AND user_id = $3))
         ORDER BY joined_seq, user_id LIMIT $2`,
        [conversationId, first, afterUserId],
      );
      return rows.map(toMember);
    },

    async listConversations(userId, first, cursor) {
      const after = cursor === null ? null : decodeCursor(cursor);
      if (cursor !== null && !after) throw new InvalidCursorError();
      const { rows } = await db.query<ConversationRow>(
        `SELECT ${CONVERSATION_COLUMNS.split(', ')
          .map((c) => `c.${c}`)
          .join(', ')}
         FROM members m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.user_id = $1 AND ($3::timestamptz IS NULL OR (c.last_activity_at, c.id) < ($3, $4::uuid))
         ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $2`,
        [userId, first + 1, after?.at ?? null, after?.id ?? null],
      );
      const page = rows.slice(0, first).map(toConversation);
      const last = page[page.length - 1];
      return { conversations: page, nextCursor: rows.length > first && last ? encodeCursor(last) : null };
    },

    async conversationIdsOf(userId) {
      const { rows } = await db.query<{ conversation_id: string }>(
        'SELECT conversation_id FROM members WHERE user_id = $1',
        [userId],
      );
      return rows.map((r) => r.conversation_id);
    },

    async retentionPage(serverDays, afterId, limit) {
      // least() skips NULLs: the shorter of the two when both are set, else whichever is.
      const { rows } = await db.query<{ id: string; days: number }>(
        `SELECT id, least(retention_days, $1::int) AS days FROM conversations
         WHERE (retention_days IS NOT NULL OR $1::int IS NOT NULL) AND ($2::uuid IS NULL OR id > $2)
         ORDER BY id LIMIT $3`,
        [serverDays, afterId, limit],
      );
      return rows;
    },

    async getMessages(ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return rows.map(toMessage);
    },

    async findByClientMessageId(senderId, clientMessageId) {
      const { rows } = await db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_id = $1 AND client_message_id = $2`,
        [senderId, clientMessageId],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async eventsAfter(conversationId, afterSeq, limit) {
      const { rows } = await db.query<EventRow>(
        `SELECT conversation_id, seq, payload FROM conversation_events
         WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [conversationId, afterSeq, limit],
      );
      return rows.map((r) => r.payload);
    },

    async memberLeftSeq(conversationId, userId, afterSeq, upToSeq) {
      // Bounded by the replay window, so at most that many rows of one conversation are read.
      const { rows } = await db.query<{ seq: number }>(
        `SELECT seq FROM conversation_events
         WHERE conversation_id = $1 AND seq > $2 AND seq <= $3 AND type = 'MemberLeft' AND payload->>'userId' = $4
         ORDER BY seq LIMIT 1`,
        [conversationId, afterSeq, upToSeq, userId],
      );
      return rows[0]?.seq ?? null;
    },

    ...pgMessageReads(db),
  };
}
