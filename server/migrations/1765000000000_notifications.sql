-- Up Migration

-- A user's notification settings; users without a row have the defaults.
CREATE TABLE notification_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  show_previews boolean NOT NULL DEFAULT true,
  email_fallback boolean NOT NULL DEFAULT false,
  email_address text,
  quiet_start text,
  quiet_end text,
  quiet_time_zone text,
  locale text NOT NULL DEFAULT 'en',
  last_email_at timestamptz
);

-- One row per browser and device: the endpoint is the push service's address for it.
CREATE TABLE push_subscriptions (
  endpoint text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL,
  last_success_at timestamptz
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- A member's own level and mute in one conversation; leaving it removes them.
CREATE TABLE notification_levels (
  conversation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  level text CHECK (level IN ('ALL', 'MENTIONS', 'NONE')),
  muted_until timestamptz,
  PRIMARY KEY (conversation_id, user_id),
  FOREIGN KEY (conversation_id, user_id) REFERENCES members (conversation_id, user_id) ON DELETE CASCADE
);

-- Delivery tracking: every attempt, kept for a while to answer "why did I not get it".
CREATE TABLE notification_attempts (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  conversation_id uuid,
  channel text NOT NULL,
  target text NOT NULL,
  status text NOT NULL,
  status_code integer,
  attempt integer NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX notification_attempts_user_idx ON notification_attempts (user_id, at DESC);

-- Down Migration
DROP TABLE notification_attempts;
DROP TABLE notification_levels;
DROP TABLE push_subscriptions;
DROP TABLE notification_settings;
