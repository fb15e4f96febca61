/** A registered user as the domain sees it (never with credentials). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: Date;
}

/**
 * A user as embedded in events, so subscribers need no lookup. Timestamps are ISO-8601 strings so
 * the same object is stored in event payloads, sent over pub/sub and served without conversion.
 */
export interface UserSnapshot {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: string;
}

/** Snapshot of a user for event payloads. */
export const snapshotUser = (u: User): UserSnapshot => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
  createdAt: u.createdAt instanceof Date ? u.createdAt.toISOString() : String(u.createdAt),
});
