import type { DataExportRecord, DataExportStore } from '@parley/core';
import type { Queryable } from './database';

interface ExportRow {
  id: string;
  user_id: string;
  status: DataExportRecord['status'];
  created_at: Date;
  ready_at: Date | null;
  blob_key: string | null;
  byte_size: number | null;
}

/** {@link DataExportStore} on PostgreSQL or PGlite (table `data_exports`). */
export function createPgDataExportStore(db: Queryable): DataExportStore {
  return {
    async create(e) {
      await db.query('INSERT INTO data_exports (id, user_id, status, created_at) VALUES ($1, $2, $3, $4)', [
        e.id,
        e.userId,
        e.status,
        e.createdAt,
      ]);
    },
    async latest(userId) {
      const { rows } = await db.query<ExportRow>(
        'SELECT id, user_id, status, created_at, ready_at, blob_key, byte_size FROM data_exports WHERE user_id = $1 ORDER BY seq DESC LIMIT 1',
        [userId],
      );
      const r = rows[0];
      return r
        ? {
            id: r.id,
            userId: r.user_id,
            status: r.status,
            createdAt: r.created_at.toISOString(),
            readyAt: r.ready_at?.toISOString() ?? null,
            blobKey: r.blob_key,
            byteSize: r.byte_size,
          }
        : null;
    },
    async finish(id, p) {
      await db.query(
        'UPDATE data_exports SET status = $2, ready_at = $3, blob_key = $4, byte_size = $5 WHERE id = $1',
        [id, p.status, p.readyAt, p.blobKey, p.byteSize],
      );
    },
  };
}
