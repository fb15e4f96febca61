import type { ChosenStatus, PresenceSettings, Visibility } from '@parley/core';
import type { PresenceSettingsStore } from '@parley/core';
import type { Queryable } from './database';

interface Row {
  id: string;
  presence_status: ChosenStatus | null;
  status_text: string | null;
  presence_visibility: Visibility;
  last_seen_visibility: Visibility;
  last_seen_at: Date | null;
  read_receipts: boolean;
}

const COLUMNS =
  'id, presence_status, status_text, presence_visibility, last_seen_visibility, last_seen_at, read_receipts';

const toSettings = (r: Row): PresenceSettings => ({
  chosenStatus: r.presence_status,
  statusText: r.status_text,
  presenceVisibility: r.presence_visibility,
  lastSeenVisibility: r.last_seen_visibility,
  lastSeenAt: r.last_seen_at,
  readReceipts: r.read_receipts,
});

/** {@link PresenceSettingsStore} on PostgreSQL or PGlite (columns of `users`). */
export function createPgPresenceSettingsStore(db: Queryable): PresenceSettingsStore {
  return {
    async get(userIds) {
      if (userIds.length === 0) return new Map();
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [userIds]);
      return new Map(rows.map((r) => [r.id, toSettings(r)]));
    },
    async setChosenStatus(userId, status, statusText) {
      await db.query('UPDATE users SET presence_status = $2, status_text = $3 WHERE id = $1', [
        userId,
        status,
        statusText,
      ]);
    },
    async setPrivacy(userId, presenceVisibility, lastSeenVisibility, readReceipts) {
      const { rows } = await db.query<Row>(
        `UPDATE users SET presence_visibility = $2, last_seen_visibility = $3,
           read_receipts = COALESCE($4, read_receipts)
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [userId, presenceVisibility, lastSeenVisibility, readReceipts ?? null],
      );
      return rows[0] ? toSettings(rows[0]) : null;
    },
    async setLastSeen(userId, at) {
      await db.query('UPDATE users SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1', [userId, at]);
    },
    async contactsAmong(viewerId, userIds) {
      if (userIds.length === 0) return new Set();
      const { rows } = await db.query<{ user_id: string }>(
        `SELECT DISTINCT b.user_id FROM members a
         JOIN members b ON b.conversation_id = a.conversation_id
         WHERE a.user_id = $1 AND b.user_id = ANY($2::uuid[]) AND b.user_id <> $1`,
        [viewerId, userIds],
      );
      return new Set(rows.map((r) => r.user_id));
    },
  };
}
