import type { User } from '../users/user.model';
import { UsernameTakenError, type UserStore, type UserWithCredentials } from '../ports/user.store';

/** {@link UserStore} in process memory. */
export function createMemoryUserStore(): UserStore {
  const users = new Map<string, UserWithCredentials>();
  const strip = ({ passwordHash: _p, ...u }: UserWithCredentials): User => ({ ...u });
  const byName = (username: string) =>
    [...users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
  return {
    async create(u) {
      if (byName(u.username)) throw new UsernameTakenError(u.username);
      const stored: UserWithCredentials = { ...u, avatarUrl: null, createdAt: new Date() };
      users.set(u.id, stored);
      return strip(stored);
    },
    async findByUsername(username) {
      const u = byName(username);
      return u ? { ...u } : null;
    },
    findByIds: async (ids) => [...new Set(ids)].flatMap((id) => (users.has(id) ? [strip(users.get(id)!)] : [])),
    async findByUsernames(usernames) {
      const wanted = new Set(usernames.map((u) => u.toLowerCase()));
      return [...users.values()].filter((u) => wanted.has(u.username.toLowerCase())).map(strip);
    },
    async search(prefix, limit) {
      const p = prefix.toLowerCase();
      return [...users.values()]
        .filter((u) => u.username.toLowerCase().startsWith(p) || u.displayName.toLowerCase().startsWith(p))
        .sort((a, b) => (a.username.toLowerCase() < b.username.toLowerCase() ? -1 : 1))
        .slice(0, limit)
        .map(strip);
    },
    async updateProfile(id, patch) {
      const u = users.get(id);
      if (!u) return null;
      if (patch.displayName !== undefined) u.displayName = patch.displayName;
      if (patch.avatarUrl !== undefined) u.avatarUrl = patch.avatarUrl;
      return strip(u);
    },
    async anonymize(id, username) {
      const u = users.get(id);
      if (!u) return;
      Object.assign(u, { username, displayName: 'Deleted user', avatarUrl: null, passwordHash: '!' });
    },
  };
}
