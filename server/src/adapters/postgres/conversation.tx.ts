import {
  joinedMember,
  type Conversation,
  type ConversationEvent,
  type ConversationTx,
  type FoundingMember,
  type NewConversation,
} from '@parley/core';
import {
  CONVERSATION_COLUMNS,
  MEMBER_COLUMNS,
  MESSAGE_COLUMNS,
  toConversation,
  toMember,
  toMessage,
  type ConversationRow,
  type MemberRow,
  type MessageRow,
} from './chat.rows';
import type { QueryResult } from 'pg';
import type { Queryable } from './database';
import { expireMessages } from './message.expiry';
import { messageWrites } from './message.tx';

/**
 * Members read together with the conversation's lock, in the same round trip (see
 * `ConversationStore.write`'s `actorId`): `getMember` answers those users from it.
 */
export interface KnownMembers {
  userIds: readonly string[];
  rows: Promise<QueryResult<MemberRow>>;
}

const WRITES_MEMBERS = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+members\b/i;

/** The members of a conversation among `userIds`. */
const memberRows = (q: Queryable, conversationId: string, userIds: readonly string[]) =>
  q.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE conversation_id = $1 AND user_id = ANY($2::uuid[])`, [
    conversationId,
    userIds,
  ]);

/**
 * Reads the memberships of `userIds` on the transaction's connection without waiting: sent right
 * after the row lock, it goes out with it and is answered under it (see {@link KnownMembers}).
 */
export function readWithLock(
  q: Queryable,
  conversationId: string,
  userIds: readonly string[],
): KnownMembers | undefined {
  if (userIds.length === 0) return undefined;
  const rows = memberRows(q, conversationId, userIds);
  // Failing, it fails the transaction; unread (no such conversation), it must not go unhandled.
  rows.catch(() => undefined);
  return { userIds, rows };
}

/**
 * The writes of one locked conversation on one transaction's connection. Seqs are handed out in
 * memory from the locked row; `finish` writes the conversation's new head back before commit.
 */
export function openTx(
  connection: Queryable,
  locked: Conversation,
  known?: KnownMembers,
): { tx: ConversationTx; finish: () => Promise<void>; checkpoint: () => () => void } {
  let prefetched = known;
  // What was read of members with the lock stands until the transaction writes to members.
  const tx: Queryable = {
    query: (text, params) => {
      if (prefetched && WRITES_MEMBERS.test(text)) prefetched = undefined;
      return connection.query(text, params);
    },
  };
  const state = { ...locked };
  let memberDelta = 0;
  let lastMessageId: string | null = null;
  let touched = false;
  // The seq and time of the next event; `advance` commits them to the state once it is written.
  const next = () => ({ seq: state.lastSeq + 1, createdAt: new Date().toISOString() });
  const advance = (seq: number, createdAt: string) => {
    state.lastSeq = seq;
    state.lastActivityAt = createdAt;
    touched = true;
  };
  const api: ConversationTx = {
    get conversation() {
      return state;
    },
    async getMember(userId) {
      const read = prefetched;
      if (read?.userIds.includes(userId)) {
        const row = (await read.rows).rows.find((r) => r.user_id === userId);
        return row ? toMember(row) : null;
      }
      const { rows } = await tx.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members WHERE conversation_id = $1 AND user_id = $2`,
        [state.id, userId],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
    async getMembers(userIds) {
      if (userIds.length === 0) return [];
      return (await memberRows(tx, state.id, userIds)).rows.map(toMember);
    },
    async oldestMember(role, exceptUserId) {
      const { rows } = await tx.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM members
         WHERE conversation_id = $1 AND user_id <> $2 AND ($3::text IS NULL OR role = $3)
         ORDER BY joined_seq, user_id LIMIT 1`,
        [state.id, exceptUserId, role],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
    async findMessage(id) {
      const { rows } = await tx.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1`, [id]);
      return rows[0] ? toMessage(rows[0]) : null;
    },
    expireMessages: (before, limit) => expireMessages(tx, state.id, before, limit),
    ...messageWrites({
      q: tx,
      state,
      next,
      advance,
      setLastMessage: (id) => {
        state.lastMessageId = id;
        lastMessageId = id;
      },
    }),
    async addMember(userId, role, user) {
      const { seq, createdAt } = next();
      const joined = joinedMember(state.id, userId, role, seq, createdAt, true);
      const draft = { type: 'MemberJoined', member: { ...joined, user }, conversationId: state.id, seq, createdAt };
      // One statement adds the member, with their read-receipt setting, and the event that says so.
      const { rows } = await tx.query<{ read_receipts: boolean }>(
        `WITH m AS (
           INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq, last_read_seq, last_delivered_seq,
             read_receipts)
           SELECT $1, $2, $3, $4, $5, $6, $6, COALESCE((SELECT read_receipts FROM users WHERE id = $2), true)
           RETURNING read_receipts
         )
         INSERT INTO conversation_events (conversation_id, seq, type, payload, created_at)
         SELECT $1, $5, 'MemberJoined', jsonb_set($7::jsonb, '{member,readReceipts}', to_jsonb(m.read_receipts)), $4
         FROM m
         RETURNING (payload->'member'->>'readReceipts')::boolean AS read_receipts`,
        [state.id, userId, role, createdAt, seq, seq - 1, JSON.stringify(draft)],
      );
      const member = { ...joined, readReceipts: rows[0]?.read_receipts ?? true };
      advance(seq, createdAt);
      memberDelta += 1;
      state.memberCount += 1;
      return { member, event: { ...draft, member: { ...member, user } } as ConversationEvent };
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
    async updateConversation(patch) {
      if (patch.title !== undefined) state.title = patch.title;
      if (patch.description !== undefined) state.description = patch.description;
      if (patch.retentionDays !== undefined) state.retentionDays = patch.retentionDays;
      await tx.query('UPDATE conversations SET title = $2, description = $3, retention_days = $4 WHERE id = $1', [
        state.id,
        state.title,
        state.description,
        state.retentionDays,
      ]);
    },
    async appendEvent(build) {
      const { seq, createdAt } = next();
      const event = { ...build(seq, createdAt), conversationId: state.id, seq, createdAt } as ConversationEvent;
      await tx.query(
        'INSERT INTO conversation_events (conversation_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)',
        [state.id, seq, event.type, JSON.stringify(event), createdAt],
      );
      advance(seq, createdAt);
      return event;
    },
  };
  return {
    tx: api,
    /** Remembers the state now; calling the result puts it back (after a rollback to a savepoint). */
    checkpoint() {
      const saved = { state: { ...state }, memberDelta, lastMessageId, touched };
      return () => {
        Object.assign(state, saved.state);
        ({ memberDelta, lastMessageId, touched } = saved);
      };
    },
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

/**
 * Inserts a new conversation with its founding members; for a DIRECT conversation whose pair already
 * has one, inserts nothing and returns that one as `existing`.
 */
export async function insertConversation(
  q: Queryable,
  c: NewConversation,
  members: readonly FoundingMember[],
): Promise<{ created: Conversation } | { existing: Conversation }> {
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
    return { existing: toConversation(existing.rows[0]!) };
  }
  const created = toConversation(rows[0]);
  await insertFounders(q, created, members);
  return { created };
}

/** Inserts a new conversation's founding members (joined at its creation) in one statement. */
async function insertFounders(
  q: Queryable,
  conversation: Conversation,
  members: readonly FoundingMember[],
): Promise<void> {
  // unnest keeps a 5000-member group to one statement.
  await q.query(
    `INSERT INTO members (conversation_id, user_id, role, joined_at, read_receipts)
     SELECT $1, f.u, f.r, $4, COALESCE(users.read_receipts, true)
     FROM unnest($2::uuid[], $3::text[]) AS f(u, r) LEFT JOIN users ON users.id = f.u`,
    [conversation.id, members.map((m) => m.userId), members.map((m) => m.role), conversation.createdAt],
  );
}
