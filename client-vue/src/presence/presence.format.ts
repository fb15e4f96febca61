import type { PresenceStatus } from '../gql/graphql';

export const presenceLabels: Record<PresenceStatus, string> = {
  ONLINE: 'Online',
  AWAY: 'Away',
  BUSY: 'Busy',
  OFFLINE: 'Offline',
  INVISIBLE: 'Invisible',
};

const MINUTE = 60_000;

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function clock(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "last seen just now", "… 5 minutes ago", "… today at 14:05", "… yesterday at 09:10", "… on 3 March". */
export function formatLastSeen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const elapsed = now.getTime() - date.getTime();
  if (elapsed < MINUTE) return 'last seen just now';
  if (elapsed < 60 * MINUTE) {
    const minutes = Math.floor(elapsed / MINUTE);
    return `last seen ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  }
  if (sameDay(date, now)) return `last seen today at ${clock(date)}`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(date, yesterday)) return `last seen yesterday at ${clock(date)}`;
  const day = date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
  return `last seen on ${day}`;
}

export interface PresenceLike {
  status: PresenceStatus;
  lastSeenAt?: string | null;
  statusText?: string | null;
}

/** The line under a name: the status (with its text), or when offline the last-seen time if visible. */
export function presenceLine(presence: PresenceLike | null | undefined, now = new Date()): string {
  if (!presence) return '';
  if (presence.status === 'OFFLINE' || presence.status === 'INVISIBLE') {
    return presence.lastSeenAt ? formatLastSeen(presence.lastSeenAt, now) : '';
  }
  const label = presenceLabels[presence.status];
  return presence.statusText ? `${label} · ${presence.statusText}` : label;
}
