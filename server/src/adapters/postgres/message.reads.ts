import type { HistoryRange, MessageReads } from '@parley/core';
import { MEMBER_COLUMNS, MESSAGE_COLUMNS, toMember, toMessage, type MemberRow, type MessageRow } from './chat.rows';
import { isDeadlockVictim, type Queryable } from './database';

/**
 * Which messages belong to a history: the conversation's timeline (no thread replies) or one
 * thread's replies, without those hidden for the viewer. Parameters $1 (conversation), $2 (thread
 * root or null) and $3 (viewer or null) are the filter's; a query adds its own after them.
 */
const TIMELINE = `conversation_id = $1
  AND (CASE WHEN $2::uuid IS NULL THEN thread_root_id IS NULL ELSE thread_root_id = $2::uuid END)
  AND ($3::uuid IS NULL OR NOT EXISTS
    (SELECT 1 FROM hidden_messages h WHERE h.user_id = $3::uuid AND h.message_id = messages.id))`;

/** The PostgreSQL store's reads of messages and read markers. */
export function pgMessageReads(db: Queryable): MessageReads {
  async function moveMarkers(conversationId: string, userId: string, seq: number, read: boolean) {
    const { rows } = await db.query<MemberRow>(
      `WITH c AS (SELECT last_seq FROM conversations WHERE id = $1)
       UPDATE members m SET
         last_read_seq = CASE WHEN $4 THEN GREATEST(m.last_read_seq, $3) ELSE m.last_read_seq END,
         last_delivered_seq = GREATEST(m.last_delivered_seq, $3),
         marks_pending = m.marks_pending OR $3 > m.last_delivered_seq OR ($4 AND $3 > m.last_read_seq)
       FROM c
       WHERE m.conversation_id = $1 AND m.user_id = $2 AND $3 <= c.last_seq
       RETURNING ${MEMBER_COLUMNS.split(', ')
         .map((col) => `m.${col}`)
         .join(', ')}`,
      [conversationId, userId, seq, read],
    );
    if (rows[0]) return toMember(rows[0]);
    const member = await db.query('SELECT 1 FROM members WHERE conversation_id = $1 AND user_id = $2', [
      conversationId,
      userId,
    ]);
    return member.rows.length > 0 ? ('tooHigh' as const) : null;
  }

  return {
    async history(conversationId, r: HistoryRange) {
      const { beforeSeq, afterSeq, limit } = r;
      const filter = [conversationId, r.threadRootId ?? null, r.hiddenFor ?? null];
      const forward = afterSeq != null && beforeSeq == null;
      const { rows } = await db.query<MessageRow>(
        forward
          ? `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${TIMELINE} AND seq > $4 ORDER BY seq ASC LIMIT $5`
          : `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${TIMELINE}
             AND ($4::int IS NULL OR seq < $4) AND ($6::int IS NULL OR seq > $6)
             ORDER BY seq DESC LIMIT $5`,
        forward ? [...filter, afterSeq, limit + 1] : [...filter, beforeSeq ?? null, limit + 1, afterSeq ?? null],
      );
      const more = rows.length > limit;
      const page = rows.slice(0, limit).map(toMessage);
      if (!forward) page.reverse();
      const first = page[0];
      const last = page[page.length - 1];
      const exists = async (cond: string, seq: number) =>
        (
          await db.query<{ e: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM messages WHERE ${TIMELINE} AND seq ${cond} $4) AS e`,
            [...filter, seq],
          )
        ).rows[0]?.e === true;
      if (forward) {
        return {
          messages: page,
          hasMoreAfter: more,
          hasMoreBefore: await exists('<=', first ? first.seq - 1 : (afterSeq ?? 0)),
        };
      }
      return {
        messages: page,
        // With a lower bound too, older messages outside the window still count.
        hasMoreBefore: more || (afterSeq != null && (await exists('<=', first ? first.seq - 1 : afterSeq))),
        hasMoreAfter: beforeSeq == null ? false : await exists('>=', last ? last.seq + 1 : beforeSeq),
      };
    },

    async unreadCounts(userId, conversationIds) {
      const result = new Map(conversationIds.map((id) => [id, { messages: 0, mentions: 0 }]));
      if (conversationIds.length === 0) return result;
      const { rows } = await db.query<{ conversation_id: string; n: number; mentions: number }>(
        `SELECT m.conversation_id, count(msg.id)::int AS n,
           count(msg.id) FILTER (WHERE $1 = ANY(msg.mention_ids))::int AS mentions
         FROM members m JOIN messages msg ON msg.conversation_id = m.conversation_id AND msg.seq > m.last_read_seq
         WHERE m.user_id = $1 AND m.conversation_id = ANY($2::uuid[])
           AND msg.sender_id IS DISTINCT FROM $1 AND msg.kind <> 'SYSTEM' AND msg.deleted_at IS NULL
           AND msg.thread_root_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = $1 AND h.message_id = msg.id)
         GROUP BY m.conversation_id`,
        [userId, conversationIds],
      );
      for (const r of rows) result.set(r.conversation_id, { messages: r.n, mentions: r.mentions });
      return result;
    },

    markRead: (conversationId, userId, seq) => moveMarkers(conversationId, userId, seq, true),
    markDelivered: (conversationId, userId, seq) => moveMarkers(conversationId, userId, seq, false),

    async receiptMarkers(conversationId) {
      const { rows } = await db.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members WHERE conversation_id = $1 ORDER BY joined_seq, user_id`,
        [conversationId],
      );
      return rows.map(toMember);
    },

    async setReadReceipts(userId, on) {
      // It locks the user's rows in every conversation, which a write transaction holding several
      // conversations may lock in another order: PostgreSQL then ends one of the two (40P01); try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await db.query('UPDATE members SET read_receipts = $2 WHERE user_id = $1 AND read_receipts <> $2', [
            userId,
            on,
          ]);
          return;
        } catch (err) {
          if (!isDeadlockVictim(err) || attempt === 3) throw err;
        }
      }
    },

    async reactionsBy(userId, messageIds) {
      const out = new Map<string, Set<string>>();
      if (messageIds.length === 0) return out;
      const { rows } = await db.query<{ message_id: string; emoji: string }>(
        'SELECT message_id, emoji FROM message_reactions WHERE user_id = $1 AND message_id = ANY($2::uuid[])',
        [userId, messageIds],
      );
      for (const r of rows) out.set(r.message_id, (out.get(r.message_id) ?? new Set()).add(r.emoji));
      return out;
    },

    async hideMessage(userId, message) {
      await db.query(
        `INSERT INTO hidden_messages (user_id, message_id, conversation_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [userId, message.id, message.conversationId],
      );
    },
  };
}
