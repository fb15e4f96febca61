import type { SessionStore } from '@parley/core';
import type { Database } from './database';

/** {@link SessionStore} on PostgreSQL or PGlite. */
export function createPgSessionStore(db: Database): SessionStore {
  return {
    async create(s) {
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)', [
          s.id,
          s.userId,
          s.expiresAt,
        ]);
        await tx.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
          s.refreshTokenHash,
          s.id,
        ]);
      });
    },
    rotate(oldHash, newHash, now, graceMs = 0) {
      return db.transaction(async (tx) => {
        // FOR UPDATE serialises two concurrent uses of one token: exactly one of them rotates it.
        const { rows } = await tx.query<{
          session_id: string;
          rotated_at: Date | null;
          replaced_by: string | null;
          successor_unused: boolean;
          user_id: string;
          revoked_at: Date | null;
          expires_at: Date;
        }>(
          `SELECT t.session_id, t.rotated_at, t.replaced_by, s.user_id, s.revoked_at, s.expires_at,
             EXISTS (SELECT 1 FROM refresh_tokens n WHERE n.token_hash = t.replaced_by AND n.rotated_at IS NULL)
               AS successor_unused
           FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
           WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
          [oldHash],
        );
        const row = rows[0];
        if (!row) return { ok: false, reason: 'unknown' } as const;
        if (row.revoked_at) return { ok: false, reason: 'revoked' } as const;
        if (row.rotated_at) {
          const lostAnswer =
            row.replaced_by === newHash &&
            row.successor_unused &&
            now.getTime() - row.rotated_at.getTime() <= graceMs &&
            row.expires_at > now;
          if (lostAnswer) return { ok: true, sessionId: row.session_id, userId: row.user_id } as const;
          await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1', [row.session_id, now]);
          return { ok: false, reason: 'reused' } as const;
        }
        if (row.expires_at <= now) return { ok: false, reason: 'expired' } as const;
        await tx.query('UPDATE refresh_tokens SET rotated_at = $2, replaced_by = $3 WHERE token_hash = $1', [
          oldHash,
          now,
          newHash,
        ]);
        await tx.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
          newHash,
          row.session_id,
        ]);
        return { ok: true, sessionId: row.session_id, userId: row.user_id } as const;
      });
    },
    async revoke(sessionId) {
      await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
    },
    async revokeAllOf(userId) {
      const { rowCount } = await db.query(
        'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [userId],
      );
      return rowCount ?? 0;
    },
    async isActive(sessionId, now) {
      const { rows } = await db.query<{ ok: boolean }>(
        'SELECT (revoked_at IS NULL AND expires_at > $2) AS ok FROM sessions WHERE id = $1',
        [sessionId, now],
      );
      return rows[0]?.ok === true;
    },
  };
}
