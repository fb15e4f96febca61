import type { AppealRecord, SuspensionRecord, SuspensionStore } from '@parley/core';
import { isUniqueViolation, type Database } from './database';

interface AppealRow {
  id: string;
  suspension_id: string;
  user_id: string;
  note: string;
  created_at: Date;
  status: AppealRecord['status'];
  decision: AppealRecord['decision'];
}

const toAppeal = (r: AppealRow): AppealRecord => ({
  id: r.id,
  suspensionId: r.suspension_id,
  userId: r.user_id,
  note: r.note,
  createdAt: r.created_at.toISOString(),
  status: r.status,
  decision: r.decision,
});
const APPEAL_COLUMNS = 'id, suspension_id, user_id, note, created_at, status, decision';

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
    async inForce(userIds, now) {
      if (userIds.length === 0) return new Map();
      // One statement for all: the newest suspension in force of each user.
      const { rows } = await db.query<SuspensionRow>(
        `SELECT DISTINCT ON (user_id) * FROM user_suspensions
         WHERE user_id = ANY($1::uuid[]) AND lifted_at IS NULL AND (until IS NULL OR until > $2)
         ORDER BY user_id, at DESC`,
        [userIds, now],
      );
      return new Map(rows.map((r) => [r.user_id, toSuspension(r)]));
    },
    async get(id) {
      const { rows } = await db.query<SuspensionRow>('SELECT * FROM user_suspensions WHERE id = $1', [id]);
      return rows[0] ? toSuspension(rows[0]) : null;
    },
    async appeal(a) {
      try {
        await db.query(
          'INSERT INTO suspension_appeals (id, suspension_id, user_id, note, created_at) VALUES ($1, $2, $3, $4, $5)',
          [a.id, a.suspensionId, a.userId, a.note, a.createdAt],
        );
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async getAppeal(id) {
      const { rows } = await db.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM suspension_appeals WHERE id = $1`, [
        id,
      ]);
      return rows[0] ? toAppeal(rows[0]) : null;
    },
    async appeals(status, first) {
      const { rows } = await db.query<AppealRow>(
        `SELECT ${APPEAL_COLUMNS} FROM suspension_appeals WHERE status = $1 ORDER BY seq LIMIT $2`,
        [status, first],
      );
      return rows.map(toAppeal);
    },
    async decideAppeal(id, status, decision) {
      const { rowCount } = await db.query(
        `UPDATE suspension_appeals SET status = $2, decision = $3 WHERE id = $1 AND status = 'OPEN'`,
        [id, status, JSON.stringify(decision)],
      );
      return (rowCount ?? 0) > 0;
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
