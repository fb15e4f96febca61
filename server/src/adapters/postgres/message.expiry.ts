import { expiredContent, type Message } from '@parley/core';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './chat.rows';
import type { Queryable } from './database';

/**
 * `ConversationTx.expireMessages` on PostgreSQL, inside the conversation's lock: one batch of the
 * oldest messages before `before` (a thread's first message stays while the thread has newer
 * replies; when it goes, its replies go too, so the foreign key's cascade never removes a row
 * whose events were not stripped).
 */
export async function expireMessages(
  q: Queryable,
  conversationId: string,
  before: string,
  limit: number,
): Promise<Message[]> {
  const { rows } = await q.query<MessageRow>(
    `WITH oldest AS (
       SELECT m.id FROM messages m
       WHERE m.conversation_id = $1 AND m.created_at < $2
         AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.thread_root_id = m.id AND r.created_at >= $2)
       ORDER BY m.seq LIMIT $3
     ), doomed AS (
       SELECT id FROM oldest
       UNION SELECT r.id FROM messages r WHERE r.thread_root_id IN (SELECT id FROM oldest)
     )
     DELETE FROM messages WHERE id IN (SELECT id FROM doomed)
     RETURNING ${MESSAGE_COLUMNS}`,
    [conversationId, before, limit],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const gone = JSON.stringify(expiredContent(new Date().toISOString()));
  // The partial expression indexes on conversation_events find these without reading the whole log.
  await q.query(
    `UPDATE conversation_events SET payload = jsonb_set(payload, '{message}', (payload->'message') || $3::jsonb)
     WHERE conversation_id = $1 AND type IN ('MessageAdded', 'MessageUpdated') AND payload->'message'->>'id' = ANY($2::text[])`,
    [conversationId, ids, gone],
  );
  await q.query(
    `UPDATE conversation_events
     SET payload = jsonb_set(payload, '{message,replyTo}', (payload->'message'->'replyTo') || $3::jsonb)
     WHERE conversation_id = $1 AND type IN ('MessageAdded', 'MessageUpdated')
       AND payload->'message'->'replyTo'->>'id' = ANY($2::text[])`,
    [conversationId, ids, gone],
  );
  return rows.map(toMessage);
}
