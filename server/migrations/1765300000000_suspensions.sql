-- Up Migration

-- Users kept out by an administrator: until a time, or for good (until IS NULL: a ban). Rows are kept
-- when lifted (lifted_at), so the history of a user's suspensions stays.
CREATE TABLE user_suspensions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  until timestamptz,
  reason text NOT NULL,
  by_user_id uuid NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL,
  lifted_at timestamptz
);
CREATE INDEX user_suspensions_user_idx ON user_suspensions (user_id) WHERE lifted_at IS NULL;

-- Down Migration
DROP TABLE user_suspensions;
