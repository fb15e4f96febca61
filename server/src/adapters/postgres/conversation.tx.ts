import type { Conversation, Member } from '@parley/core';
import type { ConversationEvent } from '@parley/core';
import { DuplicateClientMessageIdError, type ConversationTx } from '@parley/core';
import { MEMBER_COLUMNS, MESSAGE_COLUMNS, toMember, toMessage, type MemberRow, type MessageRow } from './chat.rows';
import type { Queryable } from './database';

/**
 * The writes of one locked conversation on one transaction's connection. Seqs are handed out in
 * memory from the locked row; `finish` writes the conversation's new head back before commit.
 */
export function openTx(tx: Queryable, locked: Conversation): { tx: ConversationTx; finish: () => Promise<void> } {
  const state = { ...locked };
  let memberDelta = 0;
  let lastMessageId: string | null = null;
  let touched = false;
  const api: ConversationTx = {
    get conversation() {
      return state;
    },
    async getMember(userId) {
      const { rows } = await tx.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members WHERE conversation_id = $1 AND user_id = $2`,
        [state.id, userId],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
    async getMembers(userIds) {
      if (userIds.length === 0) return [];
      const { rows } = await tx.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members WHERE conversation_id = $1 AND user_id = ANY($2::uuid[])`,
        [state.id, userIds],
      );
      return rows.map(toMember);
    },
    async oldestMember(role, exceptUserId) {
      const { rows } = await tx.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members
         WHERE conversation_id = $1 AND user_id <> $2 AND ($3::text IS NULL OR role = $3)
         ORDER BY joined_at, user_id LIMIT 1`,
        [state.id, exceptUserId, role],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
    async findMessage(id) {
      const { rows } = await tx.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1`, [id]);
      return rows[0] ? toMessage(rows[0]) : null;
    },
    async findByClientMessageId(senderId, clientMessageId) {
      const { rows } = await tx.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_id = $1 AND client_message_id = $2`,
        [senderId, clientMessageId],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },
    async insertMembers(members) {
      if (members.length === 0) return;
      await insertMembers(tx, members);
      memberDelta += members.length;
      state.memberCount += members.length;
      touched = true;
    },
    async setMemberRole(userId, role) {
      await tx.query('UPDATE members SET role = $3 WHERE conversation_id = $1 AND user_id = $2', [
        state.id,
        userId,
        role,
      ]);
    },
    async deleteMember(userId) {
      const r = await tx.query('DELETE FROM members WHERE conversation_id = $1 AND user_id = $2', [state.id, userId]);
      memberDelta -= r.rowCount ?? 0;
      state.memberCount -= r.rowCount ?? 0;
      touched = true;
    },
    async insertMessage(m) {
      // ON CONFLICT on the idempotency index turns a concurrent duplicate into zero rows instead of
      // an error, so the transaction stays usable and no savepoint round trips are needed.
      const r = await tx.query(
        `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
         ON CONFLICT (sender_id, client_message_id) WHERE client_message_id IS NOT NULL DO NOTHING`,
        [
          m.id,
          m.conversationId,
          m.seq,
          m.clientMessageId,
          m.senderId,
          m.kind,
          m.text,
          m.replyToId,
          m.createdAt,
          m.editedAt,
          m.deletedAt,
        ],
      );
      if (r.rowCount === 0) throw new DuplicateClientMessageIdError();
      lastMessageId = m.id;
      state.lastMessageId = m.id;
      touched = true;
    },
    async updateConversation(patch) {
      if (patch.title !== undefined) state.title = patch.title;
      if (patch.description !== undefined) state.description = patch.description;
      await tx.query('UPDATE conversations SET title = $2, description = $3 WHERE id = $1', [
        state.id,
        state.title,
        state.description,
      ]);
    },
    async appendEvent(build) {
      const seq = state.lastSeq + 1;
      const createdAt = new Date().toISOString();
      const event = { ...build(seq, createdAt), conversationId: state.id, seq, createdAt } as ConversationEvent;
      await tx.query(
        'INSERT INTO conversation_events (conversation_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)',
        [state.id, seq, event.type, JSON.stringify(event), createdAt],
      );
      state.lastSeq = seq;
      state.lastActivityAt = createdAt;
      touched = true;
      return event;
    },
  };
  return {
    tx: api,
    async finish() {
      if (!touched) return;
      await tx.query(
        `UPDATE conversations SET last_seq = $2, last_activity_at = $3, member_count = member_count + $4,
           last_message_id = COALESCE($5, last_message_id)
         WHERE id = $1`,
        [state.id, state.lastSeq, state.lastActivityAt, memberDelta, lastMessageId],
      );
    },
  };
}

/** Inserts members in one statement, whatever their number. */
export async function insertMembers(q: Queryable, members: readonly Member[]): Promise<void> {
  // unnest keeps a 5000-member group to one statement.
  await q.query(
    `INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq, last_read_seq, last_delivered_seq)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::int[])`,
    [
      members.map((m) => m.conversationId),
      members.map((m) => m.userId),
      members.map((m) => m.role),
      members.map((m) => m.joinedAt),
      members.map((m) => m.joinedSeq),
      members.map((m) => m.lastReadSeq),
      members.map((m) => m.lastDeliveredSeq),
    ],
  );
}
