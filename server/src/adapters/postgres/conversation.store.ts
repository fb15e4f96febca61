import type { Conversation, ConversationEvent, Member } from '../../domain/chat.model';
import {
  DuplicateClientMessageIdError,
  InvalidCursorError,
  type ConversationStore,
  type ConversationTx,
} from '../../ports/conversation.store';
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
import type { Database, Queryable } from './database';

const encodeCursor = (c: Conversation) => Buffer.from(`${c.lastActivityAt}|${c.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}

export { InvalidCursorError };

function openTx(tx: Queryable, locked: Conversation): { tx: ConversationTx; finish: () => Promise<void> } {
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

async function insertMembers(q: Queryable, members: readonly Member[]): Promise<void> {
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

/** {@link ConversationStore} on PostgreSQL or PGlite. */
export function createPgConversationStore(db: Database): ConversationStore {
  return {
    async create(conversation, members, fn) {
      return db.transaction(async (q) => {
        const c = conversation;
        const { rows } = await q.query<ConversationRow>(
          `INSERT INTO conversations (id, kind, title, description, direct_key, created_at, last_activity_at, member_count)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
           ON CONFLICT (direct_key) DO NOTHING
           RETURNING ${CONVERSATION_COLUMNS}`,
          [c.id, c.kind, c.title, c.description, c.directKey, c.createdAt, members.length],
        );
        if (!rows[0]) {
          // ON CONFLICT waited for the other creator to commit, so the row is visible now.
          const existing = await q.query<ConversationRow>(
            `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE direct_key = $1`,
            [c.directKey],
          );
          return { created: false as const, conversation: toConversation(existing.rows[0]!) };
        }
        await insertMembers(q, members);
        const { tx, finish } = openTx(q, toConversation(rows[0]));
        const result = await fn(tx);
        await finish();
        return { created: true as const, conversation: tx.conversation, result };
      });
    },

    async write(conversationId, fn) {
      return db.transaction(async (q) => {
        const { rows } = await q.query<ConversationRow>(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1 FOR UPDATE`,
          [conversationId],
        );
        if (!rows[0]) return null;
        const { tx, finish } = openTx(q, toConversation(rows[0]));
        const result = await fn(tx);
        await finish();
        return { result };
      });
    },

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
         WHERE conversation_id = $1 AND ($3::uuid IS NULL OR (joined_at, user_id) >
           (SELECT joined_at, user_id FROM members WHERE conversation_id = $1 AND user_id = $3))
         ORDER BY joined_at, user_id LIMIT $2`,
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

    async history(conversationId, { beforeSeq, afterSeq, limit }) {
      const forward = afterSeq !== undefined && afterSeq !== null && (beforeSeq === undefined || beforeSeq === null);
      const { rows } = await db.query<MessageRow>(
        forward
          ? `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2
             ORDER BY seq ASC LIMIT $3`
          : `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1
             AND ($2::int IS NULL OR seq < $2) AND ($4::int IS NULL OR seq > $4)
             ORDER BY seq DESC LIMIT $3`,
        forward
          ? [conversationId, afterSeq, limit + 1]
          : [conversationId, beforeSeq ?? null, limit + 1, afterSeq ?? null],
      );
      const more = rows.length > limit;
      const page = rows.slice(0, limit).map(toMessage);
      if (!forward) page.reverse();
      const first = page[0];
      const last = page[page.length - 1];
      const exists = async (cond: string, seq: number) =>
        (
          await db.query<{ e: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND seq ${cond} $2) AS e`,
            [conversationId, seq],
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
        hasMoreAfter:
          beforeSeq === undefined || beforeSeq === null ? false : await exists('>=', last ? last.seq + 1 : beforeSeq),
      };
    },

    async eventsAfter(conversationId, afterSeq, limit) {
      const { rows } = await db.query<EventRow>(
        `SELECT conversation_id, seq, payload FROM conversation_events
         WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [conversationId, afterSeq, limit],
      );
      return rows.map((r) => r.payload);
    },

    async unreadCounts(userId, conversationIds) {
      const result = new Map<string, number>(conversationIds.map((id) => [id, 0]));
      if (conversationIds.length === 0) return result;
      const { rows } = await db.query<{ conversation_id: string; n: number }>(
        `SELECT m.conversation_id, count(msg.id) AS n
         FROM members m JOIN messages msg ON msg.conversation_id = m.conversation_id AND msg.seq > m.last_read_seq
         WHERE m.user_id = $1 AND m.conversation_id = ANY($2::uuid[])
           AND msg.sender_id IS DISTINCT FROM $1 AND msg.kind <> 'SYSTEM' AND msg.deleted_at IS NULL
         GROUP BY m.conversation_id`,
        [userId, conversationIds],
      );
      for (const r of rows) result.set(r.conversation_id, r.n);
      return result;
    },

    async markRead(conversationId, userId, seq) {
      const { rows } = await db.query<MemberRow & { last_seq: number }>(
        `WITH c AS (SELECT last_seq FROM conversations WHERE id = $1)
         UPDATE members m SET
           last_read_seq = GREATEST(m.last_read_seq, $3),
           last_delivered_seq = GREATEST(m.last_delivered_seq, $3)
         FROM c
         WHERE m.conversation_id = $1 AND m.user_id = $2 AND $3 <= c.last_seq
         RETURNING ${MEMBER_COLUMNS.split(', ')
           .map((col) => `m.${col}`)
           .join(', ')}, c.last_seq`,
        [conversationId, userId, seq],
      );
      if (rows[0]) return toMember(rows[0]);
      const member = await db.query<{ n: number }>(
        'SELECT 1 AS n FROM members WHERE conversation_id = $1 AND user_id = $2',
        [conversationId, userId],
      );
      return member.rows.length > 0 ? 'tooHigh' : null;
    },
  };
}
