import type { AnalyticsStore } from '../ports/analytics.store';

/** {@link AnalyticsStore} in process memory. */
export function createMemoryAnalyticsStore(): AnalyticsStore {
  const metrics = new Map<string, Record<string, number>>();
  const active = new Map<string, Set<string>>();
  const nodes = new Map<string, { connections: number; at: string }>();
  const dayOf = (day: string) => metrics.get(day) ?? metrics.set(day, {}).get(day)!;
  return {
    async add(day, counts, peaks) {
      if (Object.keys(counts).length + Object.keys(peaks).length === 0) return;
      const m = dayOf(day);
      for (const [k, v] of Object.entries(counts)) m[k] = (m[k] ?? 0) + v;
      for (const [k, v] of Object.entries(peaks)) m[k] = Math.max(m[k] ?? 0, v);
    },
    async markActive(day, userIds) {
      if (userIds.length === 0) return;
      const s = active.get(day) ?? active.set(day, new Set()).get(day)!;
      for (const id of userIds) s.add(id);
    },
    async heartbeat(nodeId, connections, at) {
      nodes.set(nodeId, { connections, at });
    },
    async connections(since) {
      return [...nodes.values()].filter((n) => n.at >= since).reduce((sum, n) => sum + n.connections, 0);
    },
    async days(fromDay, toDay) {
      const days = new Set([...metrics.keys(), ...active.keys()].filter((d) => d >= fromDay && d <= toDay));
      return [...days].sort().map((day) => ({
        day,
        metrics: { ...(metrics.get(day) ?? {}) },
        activeUsers: active.get(day)?.size ?? 0,
      }));
    },
  };
}
