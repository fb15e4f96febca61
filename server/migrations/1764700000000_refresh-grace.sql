-- Up Migration

-- Which token replaced each rotated refresh token: a token presented again shortly after its rotation,
-- while its successor is still unused, is a client that lost the answer (a reload mid-request), not a
-- thief, and gets that successor again instead of losing the session.
ALTER TABLE refresh_tokens ADD COLUMN replaced_by text;

-- Down Migration
ALTER TABLE refresh_tokens DROP COLUMN replaced_by;
