import type { AnalyticsStore } from '@parley/core';
import type { Database } from './database';

/** {@link AnalyticsStore} on PostgreSQL or PGlite (tables `analytics_*`). */
export function createPgAnalyticsStore(db: Database): AnalyticsStore {
  return {
    async add(day, counts, peaks) {
      // One statement per flush: counters add up, peaks keep the larger value.
      const rows = [
        ...Object.entries(counts).map(([k, v]) => [k, v, false] as const),
        ...Object.entries(peaks).map(([k, v]) => [k, v, true] as const),
      ];
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO analytics_daily (day, metric, value)
         SELECT $1::date, m, v FROM unnest($2::text[], $3::float8[]) AS t(m, v)
         ON CONFLICT (day, metric) DO UPDATE SET value = CASE
           WHEN analytics_daily.metric = ANY($4::text[]) THEN greatest(analytics_daily.value, excluded.value)
           ELSE analytics_daily.value + excluded.value END`,
        [day, rows.map((r) => r[0]), rows.map((r) => r[1]), Object.keys(peaks)],
      );
    },
    async markActive(day, userIds) {
      if (userIds.length === 0) return;
      await db.query(
        `INSERT INTO analytics_active_users (day, user_id) SELECT $1::date, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [day, userIds],
      );
    },
    async heartbeat(nodeId, connections, at) {
      await db.query(
        `INSERT INTO analytics_nodes (node_id, connections, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (node_id) DO UPDATE SET connections = excluded.connections, seen_at = excluded.seen_at`,
        [nodeId, connections, at],
      );
    },
    async connections(since) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT coalesce(sum(connections), 0)::int AS n FROM analytics_nodes WHERE seen_at >= $1',
        [since],
      );
      return rows[0]!.n;
    },
    async days(fromDay, toDay) {
      const { rows } = await db.query<{ day: string; metrics: Record<string, number> | null; active: number }>(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           (SELECT jsonb_object_agg(metric, value) FROM analytics_daily m WHERE m.day = d.day) AS metrics,
           (SELECT count(*)::int FROM analytics_active_users a WHERE a.day = d.day) AS active
         FROM (SELECT day FROM analytics_daily WHERE day BETWEEN $1 AND $2
               UNION SELECT day FROM analytics_active_users WHERE day BETWEEN $1 AND $2) d
         ORDER BY d.day`,
        [fromDay, toDay],
      );
      return rows.map((r) => ({ day: r.day, metrics: r.metrics ?? {}, activeUsers: r.active }));
    },
  };
}
