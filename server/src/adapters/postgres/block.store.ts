import type { BlockStore } from '@parley/core';
import type { Queryable } from './database';

/** {@link BlockStore} on PostgreSQL or PGlite (table `user_blocks`). */
export function createPgBlockStore(db: Queryable): BlockStore {
  return {
    async block(blockerId, blockedId, at) {
      const { rowCount } = await db.query(
        `INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [blockerId, blockedId, at],
      );
      return (rowCount ?? 0) > 0;
    },
    async unblock(blockerId, blockedId) {
      const { rowCount } = await db.query('DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2', [
        blockerId,
        blockedId,
      ]);
      return (rowCount ?? 0) > 0;
    },
    async listBlocked(blockerId) {
      const { rows } = await db.query<{ blocked_id: string; created_at: Date }>(
        `SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = $1
         ORDER BY created_at DESC, blocked_id`,
        [blockerId],
      );
      return rows.map((r) => ({ userId: r.blocked_id, blockedAt: r.created_at }));
    },
    async blockedAmong(blockerId, userIds) {
      if (userIds.length === 0) return new Set();
      const { rows } = await db.query<{ blocked_id: string }>(
        'SELECT blocked_id FROM user_blocks WHERE blocker_id = $1 AND blocked_id = ANY($2::uuid[])',
        [blockerId, userIds],
      );
      return new Set(rows.map((r) => r.blocked_id));
    },
    async blockersOf(blockedId) {
      const { rows } = await db.query<{ blocker_id: string }>(
        'SELECT blocker_id FROM user_blocks WHERE blocked_id = $1',
        [blockedId],
      );
      return new Set(rows.map((r) => r.blocker_id));
    },
    async counterparts(userId) {
      const { rows } = await db.query<{ id: string }>(
        `SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $1
         UNION SELECT blocker_id FROM user_blocks WHERE blocked_id = $1`,
        [userId],
      );
      return new Set(rows.map((r) => r.id));
    },
  };
}
