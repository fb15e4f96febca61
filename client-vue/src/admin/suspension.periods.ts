import { formatMoment } from './admin.format';

/** How long an administrator can suspend someone for, in hours; null bans until lifted. */
export const SUSPENSION_PERIODS: readonly { key: string; hours: number | null; label: string }[] = [
  { key: '1h', hours: 1, label: '1 hour' },
  { key: '1d', hours: 24, label: '1 day' },
  { key: '7d', hours: 7 * 24, label: '7 days' },
  { key: '30d', hours: 30 * 24, label: '30 days' },
  { key: '365d', hours: 365 * 24, label: '1 year' },
  { key: 'ban', hours: null, label: 'Ban (until lifted)' },
];

/** The hours of the period with `key` (null for a ban); the first period's for an unknown key. */
export function periodHours(key: string): number | null {
  const period = SUSPENSION_PERIODS.find((p) => p.key === key) ?? SUSPENSION_PERIODS[0];
  return period ? period.hours : 1;
}

/** A suspension in force as the console says it: "Banned" or "Suspended until …"; empty for none. */
export function describeSuspension(suspension: { until: string | null } | null | undefined): string {
  if (!suspension) return '';
  return suspension.until === null ? 'Banned' : `Suspended until ${formatMoment(suspension.until)}`;
}
