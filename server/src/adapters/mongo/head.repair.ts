import type { Conversation, ConversationEvent } from '@parley/core';
import type { ClientSession } from 'mongoose';
import type { Queryable } from '../postgres/database';
import type { ChatModels } from './chat.models';

const BATCH = 500;

/**
 * Brings PostgreSQL's copy of a conversation up to the MongoDB event log, for a write whose MongoDB
 * transaction committed and whose PostgreSQL transaction did not (the process died between the
 * two commits). The log is the truth: from the events above `pgLastSeq` this re-applies what the
 * lost transaction held in PostgreSQL (members joined, left and changed, the title, the last seq,
 * activity time and timeline message). Receipt announcements are not replayed: their marks stay
 * pending and are announced again. Runs in the locked PostgreSQL transaction `q`.
 * @returns the conversation as repaired.
 */
export async function repairFromLog(
  q: Queryable,
  models: ChatModels,
  session: ClientSession,
  locked: Conversation,
): Promise<Conversation> {
  let after = locked.lastSeq;
  const c = { ...locked };
  for (;;) {
    const docs = await models.events
      .find({ conversationId: c.id, seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(BATCH)
      .session(session)
      .lean();
    for (const d of docs) await apply(q, c, d.payload as unknown as ConversationEvent);
    const last = docs[docs.length - 1];
    if (!last) break;
    after = last.seq;
    c.lastSeq = last.seq;
    c.lastActivityAt = last.createdAt.toISOString();
  }
  const { rows } = await q.query<{ n: number }>(
    `UPDATE conversations SET last_seq = $2, last_activity_at = $3, last_message_id = $4, title = $5, description = $6,
       member_count = (SELECT count(*) FROM members WHERE conversation_id = $1)
     WHERE id = $1 RETURNING member_count AS n`,
    [c.id, c.lastSeq, c.lastActivityAt, c.lastMessageId, c.title, c.description],
  );
  return { ...c, memberCount: rows[0]?.n ?? c.memberCount };
}

async function apply(q: Queryable, c: Conversation, e: ConversationEvent): Promise<void> {
  switch (e.type) {
    case 'MessageAdded':
      if (!e.message.threadRootId) c.lastMessageId = e.message.id;
      return;
    case 'MemberJoined': {
      const m = e.member;
      await q.query(
        `INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq, last_read_seq, last_delivered_seq,
           read_receipts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [c.id, m.userId, m.role, m.joinedAt, m.joinedSeq, m.lastReadSeq, m.lastDeliveredSeq, m.readReceipts],
      );
      return;
    }
    case 'MemberUpdated':
      await q.query('UPDATE members SET role = $3 WHERE conversation_id = $1 AND user_id = $2', [
        c.id,
        e.member.userId,
        e.member.role,
      ]);
      return;
    case 'MemberLeft':
      await q.query('DELETE FROM members WHERE conversation_id = $1 AND user_id = $2', [c.id, e.userId]);
      return;
    case 'ConversationUpdated':
      c.title = e.conversation.title;
      c.description = e.conversation.description;
      return;
    case 'MessageUpdated':
    case 'ReceiptsUpdated':
      return;
  }
}
