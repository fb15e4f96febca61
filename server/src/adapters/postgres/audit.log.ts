import type { AuditAction, AuditEntry, AuditLog } from '@parley/core';
import type { Queryable } from './database';

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  actor_id: string | null;
  target_id: string | null;
  ip: string | null;
  details: AuditEntry['details'];
}

/** {@link AuditLog} on PostgreSQL or PGlite (table `audit_log`, append-only by trigger). */
export function createPgAuditLog(db: Queryable): AuditLog {
  return {
    async append(e) {
      await db.query(
        'INSERT INTO audit_log (at, action, actor_id, target_id, ip, details) VALUES ($1, $2, $3, $4, $5, $6)',
        [e.at, e.action, e.actorId, e.targetId, e.ip, JSON.stringify(e.details)],
      );
    },
    async list(f, first, beforeId) {
      const { rows } = await db.query<AuditRow>(
        `SELECT id::text, at, action, actor_id, target_id, ip, details FROM audit_log
         WHERE ($1::text IS NULL OR action = $1) AND ($2::uuid IS NULL OR actor_id = $2)
           AND ($3::text IS NULL OR target_id = $3) AND ($4::timestamptz IS NULL OR at >= $4)
           AND ($5::timestamptz IS NULL OR at < $5) AND ($6::bigint IS NULL OR id < $6)
         ORDER BY id DESC LIMIT $7`,
        [f.action ?? null, f.actorId ?? null, f.targetId ?? null, f.since ?? null, f.until ?? null, beforeId, first],
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        action: r.action,
        actorId: r.actor_id,
        targetId: r.target_id,
        ip: r.ip,
        details: r.details,
      }));
    },
  };
}
