/**
 * Server administrators granted through `setServerRole` (those named in ADMIN_USERNAMES are
 * administrators by configuration and need no record here).
 */
export interface ServerRoleStore {
  /** The ids among `userIds` that hold the administrator role. */
  adminsAmong(userIds: readonly string[]): Promise<Set<string>>;
  /** Grants or withdraws the role; false when it was already so. */
  setAdmin(userId: string, admin: boolean, by: string, at: string): Promise<boolean>;
}
