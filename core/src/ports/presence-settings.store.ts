import type { ChosenStatus, PresenceSettings, Visibility } from '../presence/presence.model';

/** Durable presence and privacy settings of users, and the "contacts" relation privacy is decided by. */
export interface PresenceSettingsStore {
  /** Settings of `userIds`; unknown ids are left out. */
  get(userIds: readonly string[]): Promise<Map<string, PresenceSettings>>;
  setChosenStatus(userId: string, status: ChosenStatus | null, statusText: string | null): Promise<void>;
  /** Sets who sees presence and last seen, and whether reads are shared (unchanged when undefined). */
  setPrivacy(
    userId: string,
    presenceVisibility: Visibility,
    lastSeenVisibility: Visibility,
    readReceipts?: boolean,
  ): Promise<PresenceSettings | null>;
  setLastSeen(userId: string, at: Date): Promise<void>;
  /** Which of `userIds` share at least one conversation with `viewerId` (one query). */
  contactsAmong(viewerId: string, userIds: readonly string[]): Promise<Set<string>>;
}
