import type { SuspensionRecord, SuspensionStore } from '@parley/core';
import type { Database } from './database';

interface SuspensionRow {
  id: string;
  user_id: string;
  until: Date | null;
  reason: string;
  by_user_id: string;
  at: Date;
  lifted_at: Date | null;
}

const toSuspension = (r: SuspensionRow): SuspensionRecord => ({
  id: r.id,
  userId: r.user_id,
  until: r.until?.toISOString() ?? null,
  reason: r.reason,
  by: r.by_user_id,
  at: r.at.toISOString(),
  liftedAt: r.lifted_at?.toISOString() ?? null,
});

const IN_FORCE = 'user_id = $1 AND lifted_at IS NULL AND (until IS NULL OR until > $2)';

/** {@link SuspensionStore} on PostgreSQL or PGlite (table `user_suspensions`). */
export function createPgSuspensionStore(db: Database): SuspensionStore {
  return {
    async suspend(s) {
      await db.transaction(async (q) => {
        await q.query(`UPDATE user_suspensions SET lifted_at = $2 WHERE ${IN_FORCE}`, [s.userId, s.at]);
        await q.query(
          `INSERT INTO user_suspensions (id, user_id, until, reason, by_user_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [s.id, s.userId, s.until, s.reason, s.by, s.at],
        );
      });
    },
    async inForce(userId, now) {
      const { rows } = await db.query<SuspensionRow>(
        `SELECT * FROM user_suspensions WHERE ${IN_FORCE} ORDER BY at DESC LIMIT 1`,
        [userId, now],
      );
      return rows[0] ? toSuspension(rows[0]) : null;
    },
    async lift(userId, now) {
      const { rowCount } = await db.query(`UPDATE user_suspensions SET lifted_at = $2 WHERE ${IN_FORCE}`, [
        userId,
        now,
      ]);
      return (rowCount ?? 0) > 0;
    },
  };
}
