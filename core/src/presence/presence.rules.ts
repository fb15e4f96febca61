import type { PresenceRecord } from '../ports/presence.store';
import type { Presence, PresenceSettings, PresenceState, PresenceStatus, Visibility } from './presence.model';

/** Who may see a user's presence and last-seen time. */
export type Privacy = Pick<PresenceSettings, 'presenceVisibility' | 'lastSeenVisibility'>;

/** Privacy of a user without stored settings. */
export const DEFAULT_PRIVACY: Privacy = { presenceVisibility: 'EVERYONE', lastSeenVisibility: 'EVERYONE' };

/**
 * A user's unfiltered state from the shared record at time `now`: OFFLINE without connections, the
 * chosen status if any, AWAY after `awayAfterMs` without activity, else ONLINE.
 */
export function computePresence(
  userId: string,
  rec: PresenceRecord | undefined,
  fallbackLastSeen: Date | null,
  now: number,
  awayAfterMs: number,
): PresenceState {
  let status: PresenceStatus;
  if (!rec || rec.connections === 0) status = 'OFFLINE';
  else if (rec.chosenStatus) status = rec.chosenStatus;
  else if (now - (rec.lastActiveAt ?? 0) >= awayAfterMs) status = 'AWAY';
  else status = 'ONLINE';
  const lastSeen = Math.max(rec?.lastSeenAt ?? 0, fallbackLastSeen?.getTime() ?? 0);
  return {
    userId,
    status,
    statusText: rec?.statusText ?? null,
    lastSeenAt: status === 'OFFLINE' && lastSeen > 0 ? lastSeen : null,
  };
}

/** How a user who hides from the viewer (by privacy, invisibility or a block) shows. */
export const HIDDEN_PRESENCE: Presence = { status: 'OFFLINE', statusText: null, lastSeenAt: null };

/** What `viewerId` may see of a state: everything of themself; others per the owner's privacy. */
export function visiblePresence(viewerId: string, s: PresenceState, privacy: Privacy, isContact: boolean): Presence {
  const lastSeenAt = s.lastSeenAt === null ? null : new Date(s.lastSeenAt);
  if (viewerId === s.userId) return { status: s.status, statusText: s.statusText, lastSeenAt };
  const may = (v: Visibility) => v === 'EVERYONE' || (v === 'CONTACTS' && isContact);
  if (!may(privacy.presenceVisibility) || s.status === 'INVISIBLE') {
    return { status: 'OFFLINE', statusText: null, lastSeenAt: null };
  }
  return {
    status: s.status,
    statusText: s.statusText,
    lastSeenAt: may(privacy.lastSeenVisibility) ? lastSeenAt : null,
  };
}

/** A comparable signature of what is shown, so only real changes are published or sent. */
export const presenceSignature = (p: { status: string; statusText: string | null; lastSeenAt: unknown }) =>
  JSON.stringify([p.status, p.statusText, p.lastSeenAt]);
