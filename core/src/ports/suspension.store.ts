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

/** A suspended user's appeal, once per suspension, decided by an administrator other than the one who suspended. */
export interface AppealRecord {
  id: string;
  suspensionId: string;
  userId: string;
  note: string;
  createdAt: string;
  status: 'OPEN' | 'UPHELD' | 'LIFTED';
  decision: { by: string; reason: string; at: string } | null;
}

/** Persistence of suspensions and bans. */
export interface SuspensionStore {
  /** Records a suspension; one in force for the user is replaced (lifted) by it. */
  suspend(s: SuspensionRecord): Promise<void>;
  /** The suspensions in force at `now`, by user, of those among `userIds` who have one. */
  inForce(userIds: readonly string[], now: string): Promise<Map<string, SuspensionRecord>>;
  /** Lifts the user's suspension in force; false when there was none. */
  lift(userId: string, now: string): Promise<boolean>;
  get(id: string): Promise<SuspensionRecord | null>;
  /** Stores an appeal; false when the suspension was appealed already. */
  appeal(a: AppealRecord): Promise<boolean>;
  getAppeal(id: string): Promise<AppealRecord | null>;
  /** Appeals with `status`, oldest first (they wait in order). */
  appeals(status: AppealRecord['status'], first: number): Promise<AppealRecord[]>;
  /** Decides an open appeal; false when it was decided already. */
  decideAppeal(
    id: string,
    status: 'UPHELD' | 'LIFTED',
    decision: NonNullable<AppealRecord['decision']>,
  ): Promise<boolean>;
}
