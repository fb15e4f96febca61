/** What others may see of a user's presence or last-seen time. */
export type Visibility = 'EVERYONE' | 'CONTACTS' | 'NOBODY';

/** A status the user chose; ONLINE is derived, never stored. */
export type ChosenStatus = 'AWAY' | 'BUSY' | 'INVISIBLE';

/** Status as the API shows it. INVISIBLE is only ever shown to the user themself. */
export type PresenceStatus = 'ONLINE' | 'AWAY' | 'BUSY' | 'OFFLINE' | 'INVISIBLE';

/** A user's presence as one viewer sees it. */
export interface Presence {
  status: PresenceStatus;
  lastSeenAt: Date | null;
  statusText: string | null;
}

/** A user's stored presence settings (the database is their source of truth). */
export interface PresenceSettings {
  chosenStatus: ChosenStatus | null;
  statusText: string | null;
  presenceVisibility: Visibility;
  lastSeenVisibility: Visibility;
  lastSeenAt: Date | null;
  /** Whether the user's reads count for others, and they see others' reads. */
  readReceipts: boolean;
}

/** The unfiltered state of one user, as published on the user's presence channel. */
export interface PresenceState {
  userId: string;
  status: PresenceStatus;
  statusText: string | null;
  /** Epoch milliseconds. */
  lastSeenAt: number | null;
  /** Present when the user changed their privacy settings: listeners refilter with these. */
  privacy?: { presenceVisibility: Visibility; lastSeenVisibility: Visibility };
}
