import type { ConversationKind } from '../conversations/conversation.model';
import type { NotificationLevel, QuietHours } from './notification.model';

/** Groups larger than this notify only of mentions unless a member chooses otherwise. */
export const LARGE_GROUP_MEMBERS = 50;

/** The level that applies: the member's own, else ALL for direct conversations and small groups, MENTIONS for large ones. */
export function effectiveLevel(
  chosen: NotificationLevel | null,
  kind: ConversationKind,
  memberCount: number,
): NotificationLevel {
  if (chosen) return chosen;
  return kind === 'GROUP' && memberCount > LARGE_GROUP_MEMBERS ? 'MENTIONS' : 'ALL';
}

/** Whether a message is notified at `level`, to a member it mentions or not, while muted until `mutedUntil`. */
export function notifies(level: NotificationLevel, mentioned: boolean, mutedUntil: string | null, now: Date): boolean {
  if (mutedUntil && new Date(mutedUntil) > now) return false;
  return level === 'ALL' || (level === 'MENTIONS' && mentioned);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of "HH:MM", or null when malformed. */
export function minutesOf(hhmm: string): number | null {
  const m = HH_MM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True when `timeZone` is one the runtime knows (IANA names such as "Europe/Berlin", or "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether `now` falls in the quiet hours, read on the user's wall clock; a window may span midnight. */
export function inQuietHours(q: QuietHours | null, now: Date): boolean {
  if (!q) return false;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === null || end === null || start === end) return false;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: q.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const at =
    Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  return start < end ? at >= start && at < end : at >= start || at < end;
}
