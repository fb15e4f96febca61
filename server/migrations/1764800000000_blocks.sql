-- Up Migration

-- Who blocks whom. The primary key answers "whom do I block" (and makes blocking idempotent); the
-- second index answers "who blocks me", which presence and typing ask when a subscription starts.
CREATE TABLE user_blocks (
  blocker_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);
CREATE INDEX user_blocks_blocked_idx ON user_blocks (blocked_id);

-- Down Migration
DROP TABLE user_blocks;
