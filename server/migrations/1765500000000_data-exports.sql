-- Up Migration

-- Copies of their data users asked for; the archive itself is a blob (exports/<id>).
CREATE TABLE data_exports (
  seq bigserial UNIQUE,
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('PENDING', 'READY', 'FAILED')),
  created_at timestamptz NOT NULL,
  ready_at timestamptz,
  blob_key text,
  byte_size integer
);
CREATE INDEX data_exports_user_idx ON data_exports (user_id, seq DESC);

-- Down Migration
DROP TABLE data_exports;
