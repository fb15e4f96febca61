import type { AccessTokenRecord, AccessTokenStore } from '@parley/core';
import type { Queryable } from './database';

interface AccessTokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, user_id, name, created_at, expires_at, last_used_at, revoked_at';

const toRecord = (r: AccessTokenRow): AccessTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** {@link AccessTokenStore} on PostgreSQL or PGlite. */
export function createPgAccessTokenStore(db: Queryable): AccessTokenStore {
  return {
    async create(t) {
      const { rows } = await db.query<AccessTokenRow>(
        `INSERT INTO access_tokens (id, user_id, name, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [t.id, t.userId, t.name, t.tokenHash, t.expiresAt],
      );
      return toRecord(rows[0]!);
    },
    async listByUser(userId) {
      const { rows } = await db.query<AccessTokenRow>(
        `SELECT ${COLUMNS} FROM access_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`,
        [userId],
      );
      return rows.map(toRecord);
    },
    async revoke(userId, id, now) {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE access_tokens SET revoked_at = COALESCE(revoked_at, $3)
         WHERE id = $1 AND user_id = $2 RETURNING id`,
        [id, userId, now],
      );
      return rows.length > 0;
    },
    async revokeAllOf(userId, now) {
      const { rowCount } = await db.query(
        'UPDATE access_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
        [userId, now],
      );
      return rowCount ?? 0;
    },
    async use(tokenHash, now) {
      const { rows } = await db.query<{ id: string; user_id: string }>(
        `UPDATE access_tokens SET last_used_at = $2
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id, user_id`,
        [tokenHash, now],
      );
      const row = rows[0];
      return row ? { id: row.id, userId: row.user_id } : null;
    },
    async activeCredentialIds(ids, now) {
      if (ids.length === 0) return new Set();
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM sessions WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > $2
         UNION ALL
         SELECT id FROM access_tokens WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > $2`,
        [ids, now],
      );
      return new Set(rows.map((r) => r.id));
    },
  };
}
