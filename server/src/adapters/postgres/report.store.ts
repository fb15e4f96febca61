import type { ReportReason, ReportRecord, ReportStore } from '@parley/core';
import { isUniqueViolation, type Queryable } from './database';

interface ReportRow {
  id: string;
  reporter_id: string;
  target_user_id: string;
  reason: ReportReason;
  note: string | null;
  message: ReportRecord['message'];
  created_at: Date;
  status: ReportRecord['status'];
  resolution: ReportRecord['resolution'];
}

const COLUMNS = 'id, reporter_id, target_user_id, reason, note, message, created_at, status, resolution';

const toReport = (r: ReportRow): ReportRecord => ({
  id: r.id,
  reporterId: r.reporter_id,
  targetUserId: r.target_user_id,
  reason: r.reason,
  note: r.note,
  message: r.message,
  createdAt: r.created_at.toISOString(),
  status: r.status,
  resolution: r.resolution,
});

/** {@link ReportStore} on PostgreSQL or PGlite (table `reports`). */
export function createPgReportStore(db: Queryable): ReportStore {
  return {
    async create(r) {
      try {
        await db.query(
          `INSERT INTO reports (id, reporter_id, target_user_id, reason, note, message, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [r.id, r.reporterId, r.targetUserId, r.reason, r.note, r.message && JSON.stringify(r.message), r.createdAt],
        );
        return true;
      } catch (err) {
        if (isUniqueViolation(err, 'reports_open_once_idx')) return false;
        throw err;
      }
    },
    async get(id) {
      const { rows } = await db.query<ReportRow>(`SELECT ${COLUMNS} FROM reports WHERE id = $1`, [id]);
      return rows[0] ? toReport(rows[0]) : null;
    },
    async list(status, first, beforeId) {
      const { rows } = await db.query<ReportRow>(
        `SELECT ${COLUMNS} FROM reports
         WHERE status = $1 AND ($2::uuid IS NULL OR seq < (SELECT seq FROM reports WHERE id = $2))
         ORDER BY seq DESC LIMIT $3`,
        [status, beforeId, first],
      );
      return rows.map(toReport);
    },
    async resolve(id, resolution) {
      const { rowCount } = await db.query(
        `UPDATE reports SET status = 'RESOLVED', resolution = $2 WHERE id = $1 AND status = 'OPEN'`,
        [id, JSON.stringify(resolution)],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
