import type { ServerRoleStore } from '@parley/core';
import type { Database } from './database';

/** {@link ServerRoleStore} on PostgreSQL or PGlite (table `server_admins`). */
export function createPgServerRoleStore(db: Database): ServerRoleStore {
  return {
    async adminsAmong(userIds) {
      if (userIds.length === 0) return new Set();
      const { rows } = await db.query<{ user_id: string }>(
        'SELECT user_id FROM server_admins WHERE user_id = ANY($1::uuid[])',
        [userIds],
      );
      return new Set(rows.map((r) => r.user_id));
    },
    async setAdmin(userId, admin, by, at) {
      const r = admin
        ? await db.query(
            'INSERT INTO server_admins (user_id, granted_by, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [userId, by, at],
          )
        : await db.query('DELETE FROM server_admins WHERE user_id = $1', [userId]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
