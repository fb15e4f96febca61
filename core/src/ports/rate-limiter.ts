/** A budget of actions per key (user, IP, socket), shared by every node that shares the store. */
export interface RateLimiter {
  /**
   * Spends `points` (default 1) of `key`'s budget.
   * @throws RateLimitedError with the time until enough points are back.
   */
  consume(key: string, points?: number): Promise<void>;
  /** Milliseconds until `key` may act again without spending anything; 0 when it may now. */
  blockedFor(key: string): Promise<number>;
  /** Forgets `key`'s spending (e.g. failed log-ins after a success). */
  reset(key: string): Promise<void>;
}

/** How a limiter refills. */
export interface RateLimitPolicy {
  /** Points per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
  /** Extra points usable in bursts, refilled over `durationSeconds` of the burst window. */
  burst?: { points: number; durationSeconds: number };
  /** Once exhausted, refuse for this long (a back-off for failed log-ins). */
  blockSeconds?: number;
  /**
   * Doubles the block each time `key` is blocked again within a day, up to this many seconds: a growing
   * delay for whoever keeps guessing.
   */
  maxBlockSeconds?: number;
}

/** Creates named limiters on one store (Redis across nodes, or process memory). */
export type RateLimiterFactory = (name: string, policy: RateLimitPolicy) => RateLimiter;
