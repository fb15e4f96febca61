-- Up Migration

-- Message lifecycle: formatting, threads, forwards, mentions and the per-message summaries that let
-- a page of history render without a query per message (reactions, thread replies). A reaction
-- summary lists, per emoji in order of first use, its count and its first reactors.
ALTER TABLE messages
  ADD COLUMN format text NOT NULL DEFAULT 'PLAIN' CHECK (format IN ('PLAIN', 'MARKDOWN')),
  ADD COLUMN thread_root_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  ADD COLUMN forwarded_from jsonb,
  ADD COLUMN mention_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN reactions jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN thread_reply_count integer NOT NULL DEFAULT 0,
  ADD COLUMN thread_last_reply_at timestamptz,
  ADD COLUMN thread_participant_ids uuid[] NOT NULL DEFAULT '{}';
CREATE INDEX messages_thread_idx ON messages (thread_root_id, seq) WHERE thread_root_id IS NOT NULL;
CREATE INDEX messages_mentions_idx ON messages USING gin (mention_ids);

-- Who reacted with what; the message's summary is recomputed from here on every change.
CREATE TABLE message_reactions (
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  emoji text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- clock_timestamp, not now(): reactions made in one transaction keep their order.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (message_id, emoji, user_id)
);
CREATE INDEX message_reactions_order_idx ON message_reactions (message_id, created_at);

-- "Delete for me": hidden from one user's history and unread counts, nobody else is told.
CREATE TABLE hidden_messages (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, message_id)
);
CREATE INDEX hidden_messages_conversation_idx ON hidden_messages (user_id, conversation_id);

-- Receipts: a member whose markers moved is pending until a ReceiptsUpdated event announces it;
-- the announcing write takes and clears the flags in one statement, so under the row locks no move
-- is lost. The conversation keeps when it last announced (at most one event a second).
ALTER TABLE members ADD COLUMN marks_pending boolean NOT NULL DEFAULT false;
CREATE INDEX members_marks_pending_idx ON members (conversation_id) WHERE marks_pending;
ALTER TABLE conversations ADD COLUMN receipts_announced_at timestamptz NOT NULL DEFAULT now();

-- Whether a user's reads count for others, and whether they see others' reads. Kept on each of the
-- user's memberships too, so receipts are computed from the members rows alone.
ALTER TABLE users ADD COLUMN read_receipts boolean NOT NULL DEFAULT true;
ALTER TABLE members ADD COLUMN read_receipts boolean NOT NULL DEFAULT true;

-- Down Migration
ALTER TABLE members DROP COLUMN read_receipts;
ALTER TABLE users DROP COLUMN read_receipts;
ALTER TABLE conversations DROP COLUMN receipts_announced_at;
DROP INDEX members_marks_pending_idx;
ALTER TABLE members DROP COLUMN marks_pending;
DROP TABLE hidden_messages;
DROP TABLE message_reactions;
DROP INDEX messages_mentions_idx;
DROP INDEX messages_thread_idx;
ALTER TABLE messages
  DROP COLUMN thread_participant_ids,
  DROP COLUMN thread_last_reply_at,
  DROP COLUMN thread_reply_count,
  DROP COLUMN reactions,
  DROP COLUMN mention_ids,
  DROP COLUMN forwarded_from,
  DROP COLUMN thread_root_id,
  DROP COLUMN format;
