/** The periods a group's owner picks from, in days; null leaves it to the server's default. */
export const RETENTION_DAYS: readonly (number | null)[] = [null, 1, 7, 30, 90, 365];

export function retentionLabel(days: number | null): string {
  if (days === null) return 'Server default';
  return days === 1 ? '1 day' : `${days} days`;
}

/** The owner's choices: the usual periods, and the group's own if it was set to another (through the API). */
export function retentionChoices(current: number | null): { key: string; days: number | null; label: string }[] {
  const days = RETENTION_DAYS.includes(current) ? [...RETENTION_DAYS] : [...RETENTION_DAYS, current];
  return days
    .sort((a, b) => (a ?? 0) - (b ?? 0))
    .map((d) => ({ key: d === null ? 'default' : String(d), days: d, label: retentionLabel(d) }));
}

/** What every member reads: how long messages stay, and why when the server's limit is shorter than the group's. */
export function describeRetention(own: number | null, effective: number | null): { text: string; note: string } {
  const text =
    effective === null
      ? 'Messages are kept until someone deletes them.'
      : `Messages are deleted ${retentionLabel(effective)} after they are sent.`;
  let note = '';
  if (own === null) note = effective === null ? '' : 'This is the server’s default.';
  else if (effective !== own) note = `The group is set to ${retentionLabel(own)}; the server’s shorter limit applies.`;
  return { text, note };
}

/** Whether moving from `effective` to `next` days deletes messages that are kept now. */
export function deletesMore(effective: number | null, next: number | null): boolean {
  return next !== null && (effective === null || next < effective);
}
