/** One day's totals as stored: counters by name, and how many distinct users were active. */
export interface AnalyticsDayRecord {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  metrics: Record<string, number>;
  activeUsers: number;
}

/**
 * Usage figures Parley keeps about itself, per UTC day, so administrators see trends without an
 * outside analytics service. Every node adds what it counted since its last flush.
 */
export interface AnalyticsStore {
  /** Adds `counts` to the day's totals; each of `peaks` is kept when larger than the stored value. */
  add(day: string, counts: Readonly<Record<string, number>>, peaks: Readonly<Record<string, number>>): Promise<void>;
  /** Marks users active on the day (each counts once per day, whichever nodes saw them). */
  markActive(day: string, userIds: readonly string[]): Promise<void>;
  /** Records a node's open connections at `at`. */
  heartbeat(nodeId: string, connections: number, at: string): Promise<void>;
  /** Open connections of every node heard from since `since`. */
  connections(since: string): Promise<number>;
  /** Days from `fromDay` to `toDay` inclusive that have anything recorded, oldest first. */
  days(fromDay: string, toDay: string): Promise<AnalyticsDayRecord[]>;
}
