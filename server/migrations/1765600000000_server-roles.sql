-- Up Migration

-- Server administrators granted by another administrator (setServerRole). Those named in
-- ADMIN_USERNAMES are administrators by configuration and have no row here.
CREATE TABLE server_admins (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  granted_by uuid NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE server_admins;
