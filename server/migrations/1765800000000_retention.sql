-- Up Migration

-- A group's own retention, set by its owner; NULL: the server's RETENTION_DAYS (if any).
ALTER TABLE conversations ADD COLUMN retention_days integer CHECK (retention_days BETWEEN 1 AND 3650);

-- Retention finds a conversation's oldest messages by time.
CREATE INDEX messages_created_idx ON messages (conversation_id, created_at);

-- Stored events that carry a message, or quote one in a reply, found by that message's id: when a
-- message is deleted for everyone or expires, its content is stripped from them too.
CREATE INDEX conversation_events_message_idx ON conversation_events (conversation_id, (payload->'message'->>'id'))
  WHERE type IN ('MessageAdded', 'MessageUpdated');
CREATE INDEX conversation_events_reply_idx ON conversation_events (conversation_id, (payload->'message'->'replyTo'->>'id'))
  WHERE type IN ('MessageAdded', 'MessageUpdated') AND payload->'message'->'replyTo'->>'id' IS NOT NULL;

-- Down Migration
DROP INDEX conversation_events_reply_idx;
DROP INDEX conversation_events_message_idx;
DROP INDEX messages_created_idx;
ALTER TABLE conversations DROP COLUMN retention_days;
