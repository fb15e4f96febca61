-- Up Migration

-- Presence settings live with the user: the chosen status survives restarts (INVISIBLE must), the
-- privacy settings filter what others see, last_seen_at keeps "last seen" after the live state is gone.
ALTER TABLE users
  ADD COLUMN presence_status text CHECK (presence_status IN ('AWAY', 'BUSY', 'INVISIBLE')),
  ADD COLUMN status_text text,
  ADD COLUMN presence_visibility text NOT NULL DEFAULT 'EVERYONE'
    CHECK (presence_visibility IN ('EVERYONE', 'CONTACTS', 'NOBODY')),
  ADD COLUMN last_seen_visibility text NOT NULL DEFAULT 'EVERYONE'
    CHECK (last_seen_visibility IN ('EVERYONE', 'CONTACTS', 'NOBODY')),
  ADD COLUMN last_seen_at timestamptz;

-- Down Migration
ALTER TABLE users
  DROP COLUMN last_seen_at,
  DROP COLUMN last_seen_visibility,
  DROP COLUMN presence_visibility,
  DROP COLUMN status_text,
  DROP COLUMN presence_status;
