-- Up Migration

-- Attachments (blob keys and what was measured of each file) and a shared place, stored with the
-- message: they are read with it every time and never queried on their own.
ALTER TABLE messages
  ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN location jsonb;

-- Files announced by a user before they are attached to a message. `claim_key` names the send
-- (sender and clientMessageId) that attached it, so a retried send can attach it again.
CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  uploader_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  filename text NOT NULL,
  declared_type text NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  blob_key text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attachment jsonb,
  claim_key text
);
-- The sweeper's question: which unattached uploads are older than a day.
CREATE INDEX uploads_abandoned_idx ON uploads (created_at) WHERE claim_key IS NULL;

-- Down Migration
DROP TABLE uploads;
ALTER TABLE messages DROP COLUMN attachments, DROP COLUMN location;
