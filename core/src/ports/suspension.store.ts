/** A user kept out of the server by an administrator, until a time or for good (a ban). */
export interface SuspensionRecord {
  id: string;
  userId: string;
  /** Null: banned (no end). */
  until: string | null;
  reason: string;
  by: string;
  at: string;
  liftedAt: string | null;
}

/** Persistence of suspensions and bans. */
export interface SuspensionStore {
  /** Records a suspension; one in force for the user is replaced (lifted) by it. */
  suspend(s: SuspensionRecord): Promise<void>;
  /** The suspension in force for `userId` at `now`, or null. */
  inForce(userId: string, now: string): Promise<SuspensionRecord | null>;
  /** Lifts the user's suspension in force; false when there was none. */
  lift(userId: string, now: string): Promise<boolean>;
}
