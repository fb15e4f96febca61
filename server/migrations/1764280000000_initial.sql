-- Up Migration

-- Users. username_lower keeps usernames unique case-insensitively without an extension.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  username_lower text NOT NULL UNIQUE,
  display_name text NOT NULL,
  avatar_url text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_display_name_lower_idx ON users (lower(display_name) text_pattern_ops);
CREATE INDEX users_username_lower_prefix_idx ON users (username_lower text_pattern_ops);

-- A session is one login on one device; its refresh tokens form a rotation chain.
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Refresh tokens are stored as SHA-256 hashes; rotated_at marks a used token so reuse is detected.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- last_seq is the per-conversation event counter; the row lock taken to bump it orders writers.
CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
  title text,
  description text,
  direct_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seq integer NOT NULL DEFAULT 0,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  last_message_id uuid,
  member_count integer NOT NULL DEFAULT 0
);

CREATE TABLE members (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  joined_seq integer NOT NULL DEFAULT 0,
  last_read_seq integer NOT NULL DEFAULT 0,
  last_delivered_seq integer NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX members_user_idx ON members (user_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender_id uuid REFERENCES users (id) ON DELETE SET NULL,
  client_message_id text,
  kind text NOT NULL,
  text text,
  reply_to_id uuid REFERENCES messages (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_idempotency_idx ON messages (sender_id, client_message_id)
  WHERE client_message_id IS NOT NULL;

-- The event log: one row per seq, with the payload subscribers receive, so replay and gap filling
-- never need to re-resolve anything.
CREATE TABLE conversation_events (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq)
);

-- Down Migration
DROP TABLE conversation_events;
DROP TABLE messages;
DROP TABLE members;
DROP TABLE conversations;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
