import type { AnalyticsStore } from '../ports/analytics.store';
import { ForbiddenError } from '../shared/errors';
import { FieldErrors } from '../shared/validate';

/** Upper bounds (ms) of the delivery latency buckets; the last bucket holds everything slower. */
const DELIVERY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;
/** A node whose heartbeat is older than this no longer counts towards connections now. */
const NODE_TIMEOUT_MS = 90_000;

/** One UTC day of usage as administrators see it. */
export interface AnalyticsDay {
  day: string;
  activeUsers: number;
  messages: number;
  signUps: number;
  peakConnections: number;
  operations: number;
  errors: number;
  /** Operations answered with an unexpected server error (INTERNAL_SERVER_ERROR). */
  serverErrors: number;
  /** errors / operations; 0 without operations. */
  errorRate: number;
  deliveries: number;
  /** From an event being stored to its result being computed for subscribers, estimated from buckets. */
  deliveryP50Ms: number | null;
  deliveryP95Ms: number | null;
}

/** Settings of {@link createAnalytics}. */
export interface AnalyticsDeps {
  store: AnalyticsStore;
  nodeId: string;
  isAdmin: (userId: string) => Promise<boolean>;
  now?: () => Date;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The upper bound of the bucket holding the `q` quantile, or null without observations. */
function quantile(m: Record<string, number>, q: number): number | null {
  const counts = [...DELIVERY_BUCKETS_MS.map((le) => m[`delivery_le_${le}`] ?? 0), m['delivery_slower'] ?? 0];
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= q * total) return DELIVERY_BUCKETS_MS[i] ?? DELIVERY_BUCKETS_MS.at(-1)!;
  }
  return DELIVERY_BUCKETS_MS.at(-1)!;
}

/**
 * Usage analytics kept in Parley's own database: each node counts in memory (plain numbers and a
 * set of active users, nothing per event beyond an increment) and adds its counts to the day's
 * totals on `flush`, which the server calls every half minute and before a report.
 */
export function createAnalytics(d: AnalyticsDeps) {
  const now = d.now ?? (() => new Date());
  let counts: Record<string, number> = {};
  let active = new Set<string>();
  let openConnections = () => 0;
  const bump = (metric: string, n = 1) => void (counts[metric] = (counts[metric] ?? 0) + n);

  async function flush(): Promise<void> {
    const connections = openConnections();
    // Counts go to the day of their flush: at most one interval's worth lands on the next day.
    const [c, a, d0] = [counts, active, dayOf(now())];
    counts = {};
    active = new Set();
    await d.store.add(d0, c, connections > 0 ? { peak_connections: connections } : {});
    await d.store.markActive(d0, [...a]);
    await d.store.heartbeat(d.nodeId, connections, now().toISOString());
  }

  return {
    /** A message was stored. */
    messageSent: () => bump('messages'),
    /** A user signed up. */
    signedUp: () => bump('signups'),
    /** An operation ended, for `userId` when signed in, with the API error codes of its errors. */
    operation(userId: string | undefined, codes: readonly unknown[]): void {
      if (userId) active.add(userId);
      bump('operations');
      if (codes.length > 0) bump('errors');
      if (codes.includes('INTERNAL_SERVER_ERROR')) bump('server_errors');
    },
    /** An event's result was computed for its subscribers, `ms` after the event was stored. */
    delivered(ms: number): void {
      bump('deliveries');
      const le = DELIVERY_BUCKETS_MS.find((b) => ms <= b);
      bump(le === undefined ? 'delivery_slower' : `delivery_le_${le}`);
    },
    /** Where this node's open connections are counted (sampled at each flush). */
    countConnectionsWith(count: () => number): void {
      openConnections = count;
    },
    flush,

    /** The last `days` days, oldest first, and connections now; administrators only. */
    async report(viewerId: string, days: number): Promise<{ connectionsNow: number; days: AnalyticsDay[] }> {
      if (!(await d.isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can see analytics');
      const errors = new FieldErrors();
      errors.check(!Number.isInteger(days) || days < 1 || days > 366, 'days', 'must be between 1 and 366');
      errors.throwIfAny();
      await flush();
      const today = now();
      const from = dayOf(new Date(today.getTime() - (days - 1) * 86_400_000));
      const stored = new Map((await d.store.days(from, dayOf(today))).map((r) => [r.day, r]));
      const out: AnalyticsDay[] = [];
      for (let i = days - 1; i >= 0; i--) {
        const key = dayOf(new Date(today.getTime() - i * 86_400_000));
        const m = stored.get(key)?.metrics ?? {};
        const operations = m['operations'] ?? 0;
        out.push({
          day: key,
          activeUsers: stored.get(key)?.activeUsers ?? 0,
          messages: m['messages'] ?? 0,
          signUps: m['signups'] ?? 0,
          peakConnections: m['peak_connections'] ?? 0,
          operations,
          errors: m['errors'] ?? 0,
          serverErrors: m['server_errors'] ?? 0,
          errorRate: operations > 0 ? (m['errors'] ?? 0) / operations : 0,
          deliveries: m['deliveries'] ?? 0,
          deliveryP50Ms: quantile(m, 0.5),
          deliveryP95Ms: quantile(m, 0.95),
        });
      }
      const since = new Date(today.getTime() - NODE_TIMEOUT_MS).toISOString();
      return { connectionsNow: await d.store.connections(since), days: out };
    },
  };
}

/** A node's analytics. */
export type Analytics = ReturnType<typeof createAnalytics>;
