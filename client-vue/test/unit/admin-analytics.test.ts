import { describe, expect, it } from 'vitest';
import {
  ANALYTICS_CHARTS,
  analyticsTotals,
  chartSummary,
  dayLabel,
  formatValue,
  type AnalyticsDay,
} from '../../src/admin/analytics.series';

function day(date: string, values: Partial<AnalyticsDay> = {}): AnalyticsDay {
  return {
    day: date,
    activeUsers: 0,
    messages: 0,
    signUps: 0,
    peakConnections: 0,
    operations: 0,
    errors: 0,
    serverErrors: 0,
    errorRate: 0,
    deliveries: 0,
    deliveryP50Ms: null,
    deliveryP95Ms: null,
    ...values,
  };
}

const chart = (id: string) => ANALYTICS_CHARTS.find((c) => c.id === id)!;
const days = [
  day('2026-11-28', { activeUsers: 4, messages: 10, operations: 200, errors: 2, errorRate: 0.01, serverErrors: 1 }),
  day('2026-11-29', { activeUsers: 9, messages: 30, deliveryP50Ms: 12, deliveryP95Ms: 80 }),
  day('2026-11-30', { activeUsers: 5, messages: 20, signUps: 2, operations: 100, errors: 1, errorRate: 0.01 }),
];

describe('analytics charts', () => {
  it('draws the charts the console promises, latency and error rate with two lines each', () => {
    expect(ANALYTICS_CHARTS.map((c) => c.title)).toEqual([
      'Daily active users',
      'Messages per day',
      'New sign-ups',
      'Peak connections per day',
      'Delivery latency',
      'Error rate',
    ]);
    expect(chart('latency').series.map((s) => s.value(days[1]!))).toEqual([12, 80]);
    expect(chart('latency').series.map((s) => s.value(days[0]!))).toEqual([null, null]);
    expect(chart('errors').series.map((s) => s.value(days[0]!))).toEqual([1, 0.5]);
    expect(chart('errors').series[1]!.value(days[1]!)).toBe(0);
  });

  it('sums a chart up in words: latest, average and highest with its day, per line', () => {
    expect(chartSummary(chart('active-users'), days)).toBe(
      `Daily active users, 3 days to ${dayLabel('2026-11-30')}. Active users: latest 5, average 6, ` +
        `highest 9 on ${dayLabel('2026-11-29')}.`,
    );
    const latency = chartSummary(chart('latency'), days);
    expect(latency).toContain('Median (p50): latest 12 ms, average 12 ms, highest 12 ms');
    expect(chartSummary(chart('latency'), [days[0]!])).toContain(
      'Median (p50): no data; 95th percentile (p95): no data',
    );
    expect(chartSummary(chart('messages'), [])).toBe('Messages per day: no data.');
  });

  it('totals the period, with the error rate of all its operations rather than an average of days', () => {
    expect(analyticsTotals(days)).toEqual({ activeToday: 5, messages: 60, signUps: 2, errorRate: 1 });
    expect(analyticsTotals([])).toEqual({ activeToday: 0, messages: 0, signUps: 0, errorRate: 0 });
  });

  it('labels days in UTC and formats each unit', () => {
    expect(dayLabel('2026-11-30')).toMatch(/30/);
    expect(formatValue(0.125, 'percent')).toBe('0.13%');
    expect(formatValue(79.6, 'ms')).toBe('80 ms');
    expect(formatValue(6, 'count')).toBe('6');
  });
});
