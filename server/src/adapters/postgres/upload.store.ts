import type { Attachment, UploadRecord, UploadStore } from '@parley/core';
import type { Database } from './database';

interface UploadRow {
  id: string;
  uploader_id: string;
  filename: string;
  declared_type: string;
  byte_size: number;
  blob_key: string;
  created_at: Date;
  expires_at: Date;
  attachment: Attachment | null;
  claim_key: string | null;
}

const COLUMNS =
  'id, uploader_id, filename, declared_type, byte_size, blob_key, created_at, expires_at, attachment, claim_key';

const toUpload = (r: UploadRow): UploadRecord => ({
  id: r.id,
  uploaderId: r.uploader_id,
  filename: r.filename,
  declaredType: r.declared_type,
  byteSize: r.byte_size,
  blobKey: r.blob_key,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  attachment: r.attachment,
  claimKey: r.claim_key,
});

/** {@link UploadStore} on PostgreSQL or PGlite (table `uploads`). */
export function createPgUploadStore(db: Database): UploadStore {
  return {
    async create(u) {
      await db.query(`INSERT INTO uploads (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
        u.id,
        u.uploaderId,
        u.filename,
        u.declaredType,
        u.byteSize,
        u.blobKey,
        u.createdAt,
        u.expiresAt,
        u.attachment && JSON.stringify(u.attachment),
        u.claimKey,
      ]);
    },
    async get(ids) {
      const { rows } = await db.query<UploadRow>(`SELECT ${COLUMNS} FROM uploads WHERE id = ANY($1::uuid[])`, [ids]);
      return rows.map(toUpload);
    },
    async saveAttachment(id, attachment) {
      await db.query('UPDATE uploads SET attachment = $2 WHERE id = $1', [id, JSON.stringify(attachment)]);
    },
    async claim(ids, uploaderId, claimKey, now) {
      // Locked first, so two sends racing for one upload cannot both see it unattached.
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (
             SELECT 1 FROM uploads WHERE id = ANY($1::uuid[]) AND uploader_id = $2
               AND (claim_key = $3 OR (claim_key IS NULL AND expires_at > $4))
             FOR UPDATE) ok`,
          [ids, uploaderId, claimKey, now],
        );
        if (rows[0]!.n !== ids.length) return false;
        await tx.query('UPDATE uploads SET claim_key = $2 WHERE id = ANY($1::uuid[])', [ids, claimKey]);
        return true;
      });
    },
    async release(ids, claimKey) {
      await db.query('UPDATE uploads SET claim_key = NULL WHERE id = ANY($1::uuid[]) AND claim_key = $2', [
        ids,
        claimKey,
      ]);
    },
    async abandoned(before, limit) {
      const { rows } = await db.query<UploadRow>(
        `SELECT ${COLUMNS} FROM uploads WHERE claim_key IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2`,
        [before, limit],
      );
      return rows.map(toUpload);
    },
    async delete(ids) {
      await db.query('DELETE FROM uploads WHERE id = ANY($1::uuid[])', [ids]);
    },
  };
}
