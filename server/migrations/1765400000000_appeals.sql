-- Up Migration

-- A suspended user's appeal: one per suspension; decided by an administrator other than the one who
-- suspended (UPHELD keeps the suspension, LIFTED ends it).
CREATE TABLE suspension_appeals (
  seq bigserial UNIQUE,
  id uuid PRIMARY KEY,
  suspension_id uuid NOT NULL UNIQUE REFERENCES user_suspensions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  note text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'UPHELD', 'LIFTED')),
  decision jsonb
);
CREATE INDEX suspension_appeals_status_idx ON suspension_appeals (status, seq);

-- Down Migration
DROP TABLE suspension_appeals;
