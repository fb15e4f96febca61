import type { ServerRoleStore } from '../ports/server-role.store';

/** {@link ServerRoleStore} in process memory. */
export function createMemoryServerRoleStore(): ServerRoleStore {
  const admins = new Set<string>();
  return {
    async adminsAmong(userIds) {
      return new Set(userIds.filter((id) => admins.has(id)));
    },
    async setAdmin(userId, admin) {
      if (admins.has(userId) === admin) return false;
      if (admin) admins.add(userId);
      else admins.delete(userId);
      return true;
    },
  };
}
