-- Up Migration

-- Reports of messages and users. `message` is a snapshot taken when the report was made, so that
-- deleting the message (by its sender or a moderator) does not destroy the evidence.
CREATE TABLE reports (
  seq bigserial UNIQUE,
  id uuid PRIMARY KEY,
  reporter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL,
  note text,
  message jsonb,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
  resolution jsonb
);
CREATE INDEX reports_queue_idx ON reports (status, seq DESC);
-- One open report per reporter and message (or per reporter and user for reports of a user).
CREATE UNIQUE INDEX reports_open_once_idx ON reports (reporter_id, COALESCE(message->>'messageId', target_user_id::text))
  WHERE status = 'OPEN';

-- Down Migration
DROP TABLE reports;
