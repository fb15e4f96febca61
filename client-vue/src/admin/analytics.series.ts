import type { ServerAnalyticsQuery } from '../gql/graphql';

export type AnalyticsDay = ServerAnalyticsQuery['serverAnalytics']['days'][number];

/** How a chart's values read: counts, milliseconds or percentages. */
export type ValueUnit = 'count' | 'ms' | 'percent';

export interface SeriesSpec {
  label: string;
  /** A colour custom property of style.css, so both themes draw in their own colours. */
  color: '--accent-ink' | '--danger' | '--highlight' | '--muted';
  /** The day's value; null where there is none (no deliveries, no latency). */
  value: (day: AnalyticsDay) => number | null;
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: ValueUnit;
  series: SeriesSpec[];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);

/** The analytics page's charts, in order. */
export const ANALYTICS_CHARTS: readonly ChartSpec[] = [
  {
    id: 'active-users',
    title: 'Daily active users',
    unit: 'count',
    series: [{ label: 'Active users', color: '--accent-ink', value: (d) => d.activeUsers }],
  },
  {
    id: 'messages',
    title: 'Messages per day',
    unit: 'count',
    series: [{ label: 'Messages', color: '--accent-ink', value: (d) => d.messages }],
  },
  {
    id: 'sign-ups',
    title: 'New sign-ups',
    unit: 'count',
    series: [{ label: 'Sign-ups', color: '--accent-ink', value: (d) => d.signUps }],
  },
  {
    id: 'connections',
    title: 'Peak connections per day',
    unit: 'count',
    series: [{ label: 'Peak connections', color: '--accent-ink', value: (d) => d.peakConnections }],
  },
  {
    id: 'latency',
    title: 'Delivery latency',
    unit: 'ms',
    series: [
      { label: 'Median (p50)', color: '--accent-ink', value: (d) => d.deliveryP50Ms ?? null },
      { label: '95th percentile (p95)', color: '--highlight', value: (d) => d.deliveryP95Ms ?? null },
    ],
  },
  {
    id: 'errors',
    title: 'Error rate',
    unit: 'percent',
    series: [
      { label: 'Operations with errors', color: '--danger', value: (d) => d.errorRate * 100 },
      { label: 'Server errors', color: '--muted', value: (d) => share(d.serverErrors, d.operations) },
    ],
  },
];

/** A value as the charts and their summaries say it. */
export function formatValue(value: number, unit: ValueUnit): string {
  if (unit === 'percent') return `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;
  if (unit === 'ms') return `${value.toLocaleString(undefined, { maximumFractionDigits: 0 })} ms`;
  return value.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/** A day of the API (YYYY-MM-DD, UTC) as a short axis label, e.g. "30 Nov". */
export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/**
 * What a chart shows, in words, for those who cannot see it: per series the latest value, the average and the
 * highest with its day; "no data" for a series without values.
 */
export function chartSummary(chart: ChartSpec, days: readonly AnalyticsDay[]): string {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return `${chart.title}: no data.`;
  const range = `${days.length} days to ${dayLabel(last.day)}`;
  const parts = chart.series.map((series) => {
    const points = days
      .map((day) => ({ day: day.day, value: series.value(day) }))
      .filter((p): p is { day: string; value: number } => p.value !== null);
    if (points.length === 0) return `${series.label}: no data`;
    const top = points.reduce((best, p) => (p.value > best.value ? p : best));
    const average = points.reduce((sum, p) => sum + p.value, 0) / points.length;
    const latest = points.at(-1)!;
    return (
      `${series.label}: latest ${formatValue(latest.value, chart.unit)}, ` +
      `average ${formatValue(average, chart.unit)}, highest ${formatValue(top.value, chart.unit)} on ${dayLabel(top.day)}`
    );
  });
  return `${chart.title}, ${range}. ${parts.join('; ')}.`;
}

/** The figures above the charts: totals over the period, and the error rate of all its operations. */
export function analyticsTotals(days: readonly AnalyticsDay[]) {
  const sum = (pick: (d: AnalyticsDay) => number) => days.reduce((total, d) => total + pick(d), 0);
  return {
    activeToday: days.at(-1)?.activeUsers ?? 0,
    messages: sum((d) => d.messages),
    signUps: sum((d) => d.signUps),
    errorRate: share(
      sum((d) => d.errors),
      sum((d) => d.operations),
    ),
  };
}
