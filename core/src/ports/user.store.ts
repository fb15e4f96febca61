import type { User } from '../users/user.model';

/** A user together with the password hash, only for credential checks. */
export interface UserWithCredentials extends User {
  passwordHash: string;
}

/** Persistence of users. */
export interface UserStore {
  /**
   * Inserts a user.
   * @throws UsernameTakenError when the username exists in any letter case.
   */
  create(user: { id: string; username: string; displayName: string; passwordHash: string }): Promise<User>;
  findByUsername(username: string): Promise<UserWithCredentials | null>;
  /** Users for `ids`, in any order; unknown ids are left out. */
  findByIds(ids: readonly string[]): Promise<User[]>;
  /** Users with these usernames (any letter case); unknown ones are left out. */
  findByUsernames(usernames: readonly string[]): Promise<User[]>;
  /** Users whose username or display name starts with `prefix` (case-insensitive), by username. */
  search(prefix: string, limit: number): Promise<User[]>;
  /** Applies the given profile fields and returns the updated user, or null if it does not exist. */
  updateProfile(id: string, patch: { displayName?: string; avatarUrl?: string | null }): Promise<User | null>;
  /**
   * Removes what identifies a deleted account: its username becomes `username`, its display name
   * "Deleted user", its avatar and password go; the id stays, so its messages keep a sender.
   */
  anonymize(id: string, username: string): Promise<void>;
}

/** Raised by {@link UserStore.create} when the username is taken. */
export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}
