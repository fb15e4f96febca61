/** "Until I unmute": far enough to never pass, and a date every store keeps. */
export const MUTED_FOREVER = '9999-12-31T23:59:59.000Z';

/** The `mutedUntil` to send for a mute of `hours` from `now`; null hours: until unmuted. */
export function muteUntil(hours: number | null, now: Date = new Date()): string {
  return hours === null ? MUTED_FOREVER : new Date(now.getTime() + hours * 3_600_000).toISOString();
}

export function isMuted(mutedUntil: string | null | undefined, now: Date = new Date()): boolean {
  if (!mutedUntil) return false;
  const until = Date.parse(mutedUntil);
  return Number.isFinite(until) && until > now.getTime();
}

/** What the header says about a mute: no end for "until I unmute", else when it ends, in the user's locale. */
export function muteLabel(
  mutedUntil: string | null | undefined,
  now: Date = new Date(),
  locale?: string,
): string | null {
  if (!isMuted(mutedUntil, now) || !mutedUntil) return null;
  const until = new Date(mutedUntil);
  if (until.getUTCFullYear() >= 9999) return 'Muted';
  const sameDay = until.toDateString() === now.toDateString();
  const when = until.toLocaleString(
    locale,
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  );
  return `Muted until ${when}`;
}
