import {
  DuplicateClientMessageIdError,
  REACTORS_LISTED,
  messageFromDraft,
  storedMessage,
  type Conversation,
  type ConversationEvent,
  type ConversationTx,
  type ReactionSummary,
} from '@parley/core';
import { MESSAGE_INSERT_COLUMNS, MEMBER_COLUMNS, toMember, type MemberRow } from './chat.rows';
import type { Queryable } from './database';

/** What the message writes share with the rest of the transaction. */
export interface TxState {
  q: Queryable;
  state: Conversation;
  /** The seq and time the next event gets. */
  next(): { seq: number; createdAt: string };
  /** Records that the event at `seq` was written. */
  advance(seq: number, createdAt: string): void;
  /** Records the conversation's newest message. */
  setLastMessage(id: string): void;
}

const insertEvent = (q: Queryable, event: ConversationEvent) =>
  q.query(
    'INSERT INTO conversation_events (conversation_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)',
    [event.conversationId, event.seq, event.type, JSON.stringify(event), event.createdAt],
  );

/** The writes of messages, reactions and receipt announcements in one locked conversation. */
export function messageWrites(
  t: TxState,
): Pick<
  ConversationTx,
  | 'appendMessage'
  | 'saveMessage'
  | 'redactEvents'
  | 'setReaction'
  | 'reactionSummary'
  | 'clearReactions'
  | 'takeChangedMarks'
  | 'receiptsAnnounced'
> {
  const { q, state } = t;
  return {
    async appendMessage(draft) {
      const { sender, replyTo, mentions, ...content } = draft;
      const { seq, createdAt } = t.next();
      const message = messageFromDraft(content, state.id, seq, createdAt);
      const event = {
        type: 'MessageAdded',
        message: { ...message, sender, replyTo, mentions },
        conversationId: state.id,
        seq,
        createdAt,
      } as const;
      // One statement stores the message and its event. ON CONFLICT on the idempotency index turns a
      // concurrent duplicate into no row (and so no event) instead of an error, so the transaction
      // stays usable without savepoints.
      const r = await q.query(
        `WITH m AS (
           INSERT INTO messages (${MESSAGE_INSERT_COLUMNS})
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$15,$16)
           ON CONFLICT (sender_id, client_message_id) WHERE client_message_id IS NOT NULL DO NOTHING
           RETURNING 1
         )
         INSERT INTO conversation_events (conversation_id, seq, type, payload, created_at)
         SELECT $2, $3, 'MessageAdded', $14, $9 FROM m`,
        [
          message.id,
          state.id,
          seq,
          message.clientMessageId,
          message.senderId,
          message.kind,
          message.text,
          message.replyToId,
          createdAt,
          message.format,
          message.threadRootId,
          message.forwardedFrom === null ? null : JSON.stringify(message.forwardedFrom),
          message.mentionIds,
          JSON.stringify(event),
          JSON.stringify(message.attachments),
          message.location === null ? null : JSON.stringify(message.location),
        ],
      );
      if (r.rowCount === 0) throw new DuplicateClientMessageIdError();
      t.advance(seq, createdAt);
      // A thread reply stays in its thread; the conversation's preview is its timeline's last message.
      if (!message.threadRootId) t.setLastMessage(message.id);
      return { message, event };
    },

    async saveMessage(m, embeds) {
      const { seq, createdAt } = t.next();
      const event = {
        type: 'MessageUpdated',
        message: { ...m, ...embeds },
        conversationId: state.id,
        seq,
        createdAt,
      } as const;
      const r = await q.query(
        `UPDATE messages SET text = $3, format = $4, mention_ids = $5, reactions = $6, thread_reply_count = $7,
           thread_last_reply_at = $8, thread_participant_ids = $9, edited_at = $10, deleted_at = $11,
           forwarded_from = $12, attachments = $13, location = $14
         WHERE id = $1 AND conversation_id = $2`,
        [
          m.id,
          state.id,
          m.text,
          m.format,
          m.mentionIds,
          JSON.stringify(m.reactions.map(({ users: _u, ...g }) => g)),
          m.thread?.replyCount ?? 0,
          m.thread?.lastReplyAt ?? null,
          m.thread?.participantIds ?? [],
          m.editedAt,
          m.deletedAt,
          m.forwardedFrom === null ? null : JSON.stringify(m.forwardedFrom),
          JSON.stringify(m.attachments),
          m.location === null ? null : JSON.stringify(m.location),
        ],
      );
      if (r.rowCount === 0) throw new Error(`no message ${m.id} in this conversation`);
      await insertEvent(q, event);
      t.advance(seq, createdAt);
      return event;
    },

    async redactEvents(tombstone) {
      const row = JSON.stringify({ ...storedMessage(tombstone), mentions: [] });
      await q.query(
        `UPDATE conversation_events SET payload = jsonb_set(payload, '{message}', payload->'message' || $3::jsonb)
         WHERE conversation_id = $1 AND type IN ('MessageAdded', 'MessageUpdated') AND payload->'message'->>'id' = $2`,
        [state.id, tombstone.id, row],
      );
      await q.query(
        `UPDATE conversation_events SET payload = jsonb_set(payload, '{message,replyTo}', $3::jsonb)
         WHERE conversation_id = $1 AND type IN ('MessageAdded', 'MessageUpdated')
           AND payload->'message'->'replyTo'->>'id' = $2`,
        [state.id, tombstone.id, row],
      );
    },

    async setReaction(messageId, userId, emoji, on) {
      const r = on
        ? await q.query(
            `INSERT INTO message_reactions (message_id, emoji, user_id) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [messageId, emoji, userId],
          )
        : await q.query('DELETE FROM message_reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3', [
            messageId,
            emoji,
            userId,
          ]);
      return (r.rowCount ?? 0) > 0;
    },

    async reactionSummary(messageId) {
      // Emoji in order of first use; per emoji the count and the first reactors, in one statement.
      const { rows } = await q.query<ReactionSummary>(
        `SELECT emoji, count(*)::int AS count,
           (array_agg(user_id::text ORDER BY created_at, user_id))[1:$2] AS "userIds"
         FROM message_reactions WHERE message_id = $1
         GROUP BY emoji ORDER BY min(created_at), emoji`,
        [messageId, REACTORS_LISTED],
      );
      return rows;
    },

    async clearReactions(messageId) {
      await q.query('DELETE FROM message_reactions WHERE message_id = $1', [messageId]);
    },

    async takeChangedMarks() {
      // Row locks order this against concurrent marker moves: one that committed first is taken
      // here, one that comes after sets the flag again for the next announcement.
      const { rows } = await q.query<MemberRow>(
        `UPDATE members SET marks_pending = false WHERE conversation_id = $1 AND marks_pending
         RETURNING ${MEMBER_COLUMNS}`,
        [state.id],
      );
      return rows.map(toMember).sort((a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId));
    },

    async receiptsAnnounced(at) {
      await q.query('UPDATE conversations SET receipts_announced_at = $2 WHERE id = $1', [state.id, at]);
      state.receiptsAnnouncedAt = at;
    },
  };
}
