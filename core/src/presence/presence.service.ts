import type { BlockCache } from '../blocks/block-cache';
import { channels, type ChannelBus } from '../events/bus-channels';
import type { PresenceSettingsStore } from '../ports/presence-settings.store';
import type { PresenceStore } from '../ports/presence.store';
import type { ConversationStore } from '../ports/conversation.store';
import { NotFoundError, ValidationError } from '../shared/errors';
import { PushStream } from '../shared/push-stream';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';
import { createPresenceConnections } from './presence-connections';
import type { ChosenStatus, Presence, PresenceSettings, PresenceState, Visibility } from './presence.model';
import {
  DEFAULT_PRIVACY,
  HIDDEN_PRESENCE,
  computePresence,
  presenceSignature,
  visiblePresence,
  type Privacy,
} from './presence.rules';

/** Most users one presence subscription may watch. */
export const MAX_PRESENCE_WATCH = 500;

/** Settings of {@link createPresenceService}. */
export interface PresenceServiceDeps {
  store: PresenceStore;
  settings: PresenceSettingsStore;
  /** Memberships carry the read-receipt setting too, so receipts need no other lookup. */
  memberships: Pick<ConversationStore, 'setReadReceipts'>;
  bus: ChannelBus;
  /** Who blocks the viewer: a blocker shows to them as offline, without last seen. */
  blocks: Pick<BlockCache, 'retain' | 'blockersOf'>;
  /** Unique per node, so connection ids never collide across nodes. */
  nodeId: string;
  /** A connection not refreshed for this long stops counting. @default 60000 */
  ttlMs: number;
  /** Without activity for this long a user shows AWAY. @default 300000 */
  awayAfterMs: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

/** One presence change as a viewer sees it. */
export interface PresenceChange {
  userId: string;
  presence: Presence;
}

/** A user's privacy settings, as they see them. */
export type PrivacySettings = Privacy & { readReceipts: boolean };
const privacyOf = (s: PresenceSettings): PrivacySettings => ({
  presenceVisibility: s.presenceVisibility,
  lastSeenVisibility: s.lastSeenVisibility,
  readReceipts: s.readReceipts,
});

const STATUSES = ['ONLINE', 'AWAY', 'BUSY', 'INVISIBLE'];
const VISIBILITIES = ['EVERYONE', 'CONTACTS', 'NOBODY'];

/**
 * Presence: driven by this node's WebSocket connections (connected, active, closed), shared with the
 * other nodes through the {@link PresenceStore}, changes published once each on the user's channel
 * and filtered by privacy per viewer.
 */
export function createPresenceService(d: PresenceServiceDeps) {
  const now = d.now ?? Date.now;
  const onError = d.onError ?? (() => undefined);

  /** Reads the user's shared state and publishes it when it changed (once across nodes). */
  async function recompute(userId: string, privacy?: Privacy): Promise<void> {
    const rec = (await d.store.get([userId])).get(userId);
    const state = computePresence(userId, rec, null, now(), d.awayAfterMs);
    const changed = await d.store.swapPublished(userId, presenceSignature(state));
    if (!changed && !privacy) return;
    if (changed && state.status === 'OFFLINE' && state.lastSeenAt) {
      await d.settings.setLastSeen(userId, new Date(state.lastSeenAt));
    }
    await d.bus.publish(channels.presence(userId), privacy ? { ...state, privacy } : state);
  }

  const connections = createPresenceConnections({ ...d, now, onError, recompute: (userId) => recompute(userId) });

  async function presenceOf(viewerId: string, userIds: readonly string[], allContacts = false) {
    const ids = [...new Set(userIds)];
    const [records, settings, blockers] = await Promise.all([
      d.store.get(ids),
      d.settings.get(ids),
      d.blocks.blockersOf(viewerId),
    ]);
    const needContacts = ids.filter((id) => {
      const s = settings.get(id);
      return (
        id !== viewerId &&
        s &&
        (allContacts || s.presenceVisibility === 'CONTACTS' || s.lastSeenVisibility === 'CONTACTS')
      );
    });
    const contacts =
      needContacts.length > 0 ? await d.settings.contactsAmong(viewerId, needContacts) : new Set<string>();
    const out = new Map<string, Presence>();
    const states = new Map<string, PresenceState>();
    for (const id of ids) {
      const s = settings.get(id);
      const state = computePresence(id, records.get(id), s?.lastSeenAt ?? null, now(), d.awayAfterMs);
      states.set(id, state);
      out.set(
        id,
        blockers.has(id) ? HIDDEN_PRESENCE : visiblePresence(viewerId, state, s ?? DEFAULT_PRIVACY, contacts.has(id)),
      );
    }
    return { out, settings, contacts, states };
  }

  return {
    /** A WebSocket of `userId` opened on this node; `socketId` is unique on this node. */
    connected: connections.connected,
    /** Any operation on the socket: the user is active. */
    active: connections.active,
    /** The socket closed. */
    disconnected: connections.disconnected,

    /** Presence of `userIds` as `viewerId` may see it (batched: a few round trips however many). */
    async presenceFor(viewerId: string, userIds: readonly string[]): Promise<Map<string, Presence>> {
      return (await presenceOf(viewerId, userIds)).out;
    },

    /** The viewer's own privacy settings. */
    async privacyOf(viewerId: string): Promise<PrivacySettings> {
      const s = (await d.settings.get([viewerId])).get(viewerId);
      if (!s) throw new NotFoundError('User');
      return privacyOf(s);
    },

    async setPresence(viewerId: string, status: string, statusText: string | null | undefined): Promise<Presence> {
      const errors = new FieldErrors();
      const text = statusText?.trim() ? statusText.trim() : null;
      errors.check(status === 'OFFLINE', 'status', 'must not be OFFLINE; choose INVISIBLE to appear offline');
      errors.check(
        status !== 'OFFLINE' && !STATUSES.includes(status),
        'status',
        'must be ONLINE, AWAY, BUSY or INVISIBLE',
      );
      errors.check(text !== null && codePointLength(text) > 80, 'statusText', 'must be 1 to 80 characters');
      errors.check(text !== null && hasForbiddenChars(text), 'statusText', 'must not contain control characters');
      errors.throwIfAny();
      const chosen = status === 'ONLINE' ? null : (status as ChosenStatus);
      await d.settings.setChosenStatus(viewerId, chosen, text);
      await d.store.setChosenStatus(viewerId, chosen, text);
      // Choosing ONLINE counts as activity, so an idle user does not stay AWAY.
      if (!chosen) await connections.touch(viewerId);
      await recompute(viewerId);
      return (await presenceOf(viewerId, [viewerId])).out.get(viewerId)!;
    },

    /** Sets who sees the viewer's presence and last seen and, when given, whether their reads are shared. */
    async updatePrivacy(
      viewerId: string,
      presenceVisibility: string,
      lastSeenVisibility: string,
      readReceipts?: boolean | null,
    ): Promise<PrivacySettings> {
      const errors = new FieldErrors();
      errors.check(
        !VISIBILITIES.includes(presenceVisibility),
        'presenceVisibility',
        'must be EVERYONE, CONTACTS or NOBODY',
      );
      errors.check(
        !VISIBILITIES.includes(lastSeenVisibility),
        'lastSeenVisibility',
        'must be EVERYONE, CONTACTS or NOBODY',
      );
      errors.throwIfAny();
      const shareReads = readReceipts ?? undefined;
      // Memberships first: if the user's own setting failed after them, retrying sets both again.
      if (shareReads !== undefined) await d.memberships.setReadReceipts(viewerId, shareReads);
      const s = await d.settings.setPrivacy(
        viewerId,
        presenceVisibility as Visibility,
        lastSeenVisibility as Visibility,
        shareReads,
      );
      if (!s) throw new NotFoundError('User');
      await recompute(viewerId, { presenceVisibility: s.presenceVisibility, lastSeenVisibility: s.lastSeenVisibility });
      return privacyOf(s);
    },

    /**
     * Changes of the watched users' presence as the viewer may see them; only real changes of what
     * the viewer sees are sent, so a hidden user's activity does not leak through event timing.
     */
    async subscribe(viewerId: string, userIds: readonly string[]): Promise<PushStream<PresenceChange>> {
      const ids = [...new Set(userIds)];
      if (ids.length > MAX_PRESENCE_WATCH)
        throw new ValidationError({ userIds: `must be at most ${MAX_PRESENCE_WATCH} IDs` });
      if (ids.some((id) => !isId(id))) throw new ValidationError({ userIds: 'must be valid IDs' });
      const detachers: (() => void)[] = [];
      const stream = new PushStream<PresenceChange>(() => detachers.forEach((f) => f()));
      let seen: Map<string, string> | null = null;
      const early: PresenceState[] = [];
      const latest = new Map<string, PresenceState>();
      let privacy = new Map<string, Privacy>();
      let contacts = new Set<string>();
      const handle = (state: PresenceState) => {
        if (!seen) return void early.push(state);
        if (state.privacy) privacy.set(state.userId, state.privacy);
        latest.set(state.userId, state);
        const v = view.blocks(state.userId)
          ? HIDDEN_PRESENCE
          : visiblePresence(viewerId, state, privacy.get(state.userId) ?? DEFAULT_PRIVACY, contacts.has(state.userId));
        const sig = presenceSignature(v);
        if (seen.get(state.userId) === sig) return;
        seen.set(state.userId, sig);
        stream.push({ userId: state.userId, presence: v });
      };
      // A watched user who starts or stops blocking the viewer changes what the viewer sees at once,
      // from the last state this subscription had, without a read.
      const view = await d.blocks.retain(viewerId, (blockerId) => {
        const last = latest.get(blockerId);
        if (last && seen) handle(last);
      });
      detachers.push(view.release);
      try {
        // Subscribe first, then read the current state, so no change in between is lost.
        for (const id of ids) detachers.push(await d.bus.subscribe(channels.presence(id), handle));
        // Contacts are decided once per subscription, for everyone watched (one query), so a
        // privacy change to CONTACTS later needs no query per event.
        const current = await presenceOf(viewerId, ids, true);
        contacts = current.contacts;
        privacy = new Map([...current.settings].map(([id, s]) => [id, s]));
        for (const [id, state] of current.states) if (!latest.has(id)) latest.set(id, state);
        seen = new Map([...current.out].map(([id, p]) => [id, presenceSignature(p)]));
        for (const s of early) handle(s);
      } catch (err) {
        detachers.forEach((f) => f());
        throw err;
      }
      return stream;
    },

    /** Stops the timers after this node's connections have been closed. */
    dispose: () => connections.dispose(),
  };
}

/** The presence service's surface. */
export type PresenceService = ReturnType<typeof createPresenceService>;
