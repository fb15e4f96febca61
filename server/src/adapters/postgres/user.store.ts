import type { User } from '@parley/core';
import { UsernameTakenError, type UserStore, type UserWithCredentials } from '@parley/core';
import { isUniqueViolation, type Queryable } from './database';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  created_at: Date;
  password_hash?: string;
}

const COLUMNS = 'id, username, display_name, avatar_url, created_at';

/** Maps a `users` row to the domain shape. */
export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  avatarUrl: r.avatar_url,
  createdAt: r.created_at,
});

/** {@link UserStore} on PostgreSQL or PGlite. */
export function createPgUserStore(db: Queryable): UserStore {
  return {
    async create(u) {
      try {
        const { rows } = await db.query<UserRow>(
          `INSERT INTO users (id, username, username_lower, display_name, password_hash)
           VALUES ($1, $2, lower($2), $3, $4) RETURNING ${COLUMNS}`,
          [u.id, u.username, u.displayName, u.passwordHash],
        );
        return toUser(rows[0]!);
      } catch (err) {
        if (isUniqueViolation(err)) throw new UsernameTakenError(u.username);
        throw err;
      }
    },
    async findByUsername(username) {
      const { rows } = await db.query<UserRow>(
        `SELECT ${COLUMNS}, password_hash FROM users WHERE username_lower = lower($1)`,
        [username],
      );
      const r = rows[0];
      return r ? ({ ...toUser(r), passwordHash: r.password_hash! } satisfies UserWithCredentials) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [ids]);
      return rows.map(toUser);
    },
    async findByUsernames(usernames) {
      if (usernames.length === 0) return [];
      const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username_lower = ANY($1::text[])`, [
        usernames.map((u) => u.toLowerCase()),
      ]);
      return rows.map(toUser);
    },
    async search(prefix, limit) {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await db.query<UserRow>(
        `SELECT ${COLUMNS} FROM users
         WHERE username_lower LIKE lower($1) OR lower(display_name) LIKE lower($1)
         ORDER BY username_lower LIMIT $2`,
        [pattern, limit],
      );
      return rows.map(toUser);
    },
    async updateProfile(id, patch) {
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET
           display_name = COALESCE($2, display_name),
           avatar_url = CASE WHEN $3::boolean THEN $4 ELSE avatar_url END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, patch.displayName ?? null, patch.avatarUrl !== undefined, patch.avatarUrl ?? null],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
    async anonymize(id, username) {
      // '!' is no hash any password verifies against.
      await db.query(
        `UPDATE users SET username = $2, username_lower = lower($2), display_name = 'Deleted user',
           avatar_url = NULL, password_hash = '!' WHERE id = $1`,
        [id, username],
      );
    },
  };
}
