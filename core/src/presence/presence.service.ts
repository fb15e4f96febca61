import { channels, type ChannelBus } from '../events/bus-channels';
import type { PresenceSettingsStore } from '../ports/presence-settings.store';
import type { ConnectionRef, PresenceRecord, PresenceStore } from '../ports/presence.store';
import { NotFoundError, ValidationError } from '../shared/errors';
import {
  type ChosenStatus,
  type Presence,
  type PresenceSettings,
  type PresenceState,
  type PresenceStatus,
  type Visibility,
} from './presence.model';
import { PushStream } from '../shared/push-stream';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';

/** Most users one presence subscription may watch. */
export const MAX_PRESENCE_WATCH = 500;

/** Settings of {@link createPresenceService}. */
export interface PresenceServiceDeps {
  store: PresenceStore;
  settings: PresenceSettingsStore;
  bus: ChannelBus;
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

type Privacy = Pick<PresenceSettings, 'presenceVisibility' | 'lastSeenVisibility'>;

const DEFAULT_PRIVACY: Privacy = { presenceVisibility: 'EVERYONE', lastSeenVisibility: 'EVERYONE' };
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
  // Heartbeats keep expiry at least two beats ahead; a sweep runs a few times per TTL, and the
  // expiry is set one sweep short of the TTL so a dead node's users go within the TTL.
  const heartbeatMs = Math.max(250, Math.floor(d.ttlMs / 3));
  const sweepMs = Math.max(250, Math.min(5000, Math.floor(d.ttlMs / 3)));
  const expiry = () => now() + d.ttlMs - sweepMs;
  const idleCheckMs = Math.max(250, Math.min(heartbeatMs, Math.floor(d.awayAfterMs / 4)));

  const sockets = new Map<string, { userId: string; lastActive: number; op: Promise<unknown> }>();
  const pendingActivity = new Map<string, number>();
  const idleUsers = new Set<string>();

  function compute(userId: string, rec: PresenceRecord | undefined, fallbackLastSeen: Date | null): PresenceState {
    const t = now();
    let status: PresenceStatus;
    if (!rec || rec.connections === 0) status = 'OFFLINE';
    else if (rec.chosenStatus) status = rec.chosenStatus;
    else if (t - (rec.lastActiveAt ?? 0) >= d.awayAfterMs) status = 'AWAY';
    else status = 'ONLINE';
    const lastSeen = Math.max(rec?.lastSeenAt ?? 0, fallbackLastSeen?.getTime() ?? 0);
    return {
      userId,
      status,
      statusText: rec?.statusText ?? null,
      lastSeenAt: status === 'OFFLINE' && lastSeen > 0 ? lastSeen : null,
    };
  }

  function visible(viewerId: string, s: PresenceState, privacy: Privacy, isContact: boolean): Presence {
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

  /** Reads the user's shared state and publishes it when it changed (once across nodes). */
  async function recompute(userId: string, privacy?: Privacy): Promise<void> {
    const rec = (await d.store.get([userId])).get(userId);
    const state = compute(userId, rec, null);
    const signature = JSON.stringify([state.status, state.statusText, state.lastSeenAt]);
    const changed = await d.store.swapPublished(userId, signature);
    if (!changed && !privacy) return;
    if (changed && state.status === 'OFFLINE' && state.lastSeenAt) {
      await d.settings.setLastSeen(userId, new Date(state.lastSeenAt));
    }
    await d.bus.publish(channels.presence(userId), privacy ? { ...state, privacy } : state);
  }

  const recomputeLater = (userId: string) => void recompute(userId).catch(onError);

  /** Runs connection operations in order per connection. */
  const inflight = new Set<Promise<unknown>>();
  function chain(entry: { op: Promise<unknown> }, fn: () => Promise<unknown>): Promise<unknown> {
    const op = entry.op.then(fn).catch(onError);
    entry.op = op;
    inflight.add(op);
    void op.finally(() => inflight.delete(op));
    return op;
  }

  async function heartbeat(): Promise<void> {
    const t = now();
    const conns: ConnectionRef[] = [];
    const lastActiveByUser = new Map<string, number>();
    for (const [connectionId, s] of sockets) {
      conns.push({ userId: s.userId, connectionId });
      lastActiveByUser.set(s.userId, Math.max(lastActiveByUser.get(s.userId) ?? 0, s.lastActive));
    }
    const active = [...pendingActivity].map(([userId, at]) => ({ userId, at }));
    pendingActivity.clear();
    if (conns.length > 0 || active.length > 0) await d.store.refresh(conns, expiry(), active);
    checkIdle(t, lastActiveByUser);
  }

  function checkIdle(t: number, lastActiveByUser: Map<string, number>): void {
    for (const [userId, last] of lastActiveByUser) {
      if (t - last >= d.awayAfterMs && !idleUsers.has(userId)) {
        idleUsers.add(userId);
        recomputeLater(userId);
      }
    }
  }

  const timers = [
    setInterval(() => void heartbeat().catch(onError), heartbeatMs),
    setInterval(() => {
      void d.store
        .sweep(now())
        .then((gone) => gone.forEach(recomputeLater))
        .catch(onError);
    }, sweepMs),
    setInterval(() => {
      const byUser = new Map<string, number>();
      for (const s of sockets.values()) byUser.set(s.userId, Math.max(byUser.get(s.userId) ?? 0, s.lastActive));
      checkIdle(now(), byUser);
    }, idleCheckMs),
  ];
  for (const t of timers) t.unref();

  async function presenceOf(viewerId: string, userIds: readonly string[], allContacts = false) {
    const ids = [...new Set(userIds)];
    const [records, settings] = await Promise.all([d.store.get(ids), d.settings.get(ids)]);
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
    for (const id of ids) {
      const s = settings.get(id);
      const state = compute(id, records.get(id), s?.lastSeenAt ?? null);
      out.set(id, visible(viewerId, state, s ?? DEFAULT_PRIVACY, contacts.has(id)));
    }
    return { out, settings, contacts, records };
  }

  return {
    /** A WebSocket of `userId` opened on this node; `socketId` is unique on this node. */
    connected(userId: string, socketId: string): void {
      const connectionId = `${d.nodeId}:${socketId}`;
      const entry = { userId, lastActive: now(), op: Promise.resolve() as Promise<unknown> };
      sockets.set(connectionId, entry);
      idleUsers.delete(userId);
      void chain(entry, async () => {
        const s = (await d.settings.get([userId])).get(userId);
        await d.store.connect({ userId, connectionId }, now(), expiry(), {
          chosenStatus: s?.chosenStatus ?? null,
          statusText: s?.statusText ?? null,
        });
        await recompute(userId);
      });
    },

    /** Any operation on the socket: the user is active. */
    active(socketId: string): void {
      const s = sockets.get(`${d.nodeId}:${socketId}`);
      if (!s) return;
      s.lastActive = now();
      pendingActivity.set(s.userId, s.lastActive);
      if (idleUsers.delete(s.userId)) {
        // Back from idle: tell the others now rather than at the next heartbeat.
        pendingActivity.delete(s.userId);
        const at = s.lastActive;
        void chain(s, async () => {
          await d.store.refresh([], expiry(), [{ userId: s.userId, at }]);
          await recompute(s.userId);
        });
      }
    },

    /** The socket closed. */
    disconnected(socketId: string): Promise<unknown> {
      const connectionId = `${d.nodeId}:${socketId}`;
      const s = sockets.get(connectionId);
      if (!s) return Promise.resolve();
      sockets.delete(connectionId);
      return chain(s, async () => {
        if (await d.store.disconnect({ userId: s.userId, connectionId }, now())) await recompute(s.userId);
      });
    },

    /** Presence of `userIds` as `viewerId` may see it (batched: a few round trips however many). */
    async presenceFor(viewerId: string, userIds: readonly string[]): Promise<Map<string, Presence>> {
      return (await presenceOf(viewerId, userIds)).out;
    },

    /** The viewer's own privacy settings. */
    async privacyOf(viewerId: string): Promise<Privacy> {
      const s = (await d.settings.get([viewerId])).get(viewerId);
      if (!s) throw new NotFoundError('User');
      return { presenceVisibility: s.presenceVisibility, lastSeenVisibility: s.lastSeenVisibility };
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
      if (!chosen) await d.store.refresh([], expiry(), [{ userId: viewerId, at: now() }]);
      await recompute(viewerId);
      return (await presenceOf(viewerId, [viewerId])).out.get(viewerId)!;
    },

    async updatePrivacy(viewerId: string, presenceVisibility: string, lastSeenVisibility: string): Promise<Privacy> {
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
      const s = await d.settings.setPrivacy(
        viewerId,
        presenceVisibility as Visibility,
        lastSeenVisibility as Visibility,
      );
      if (!s) throw new NotFoundError('User');
      const privacy = { presenceVisibility: s.presenceVisibility, lastSeenVisibility: s.lastSeenVisibility };
      await recompute(viewerId, privacy);
      return privacy;
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
      let privacy = new Map<string, Privacy>();
      let contacts = new Set<string>();
      const handle = (state: PresenceState) => {
        if (!seen) return void early.push(state);
        if (state.privacy) privacy.set(state.userId, state.privacy);
        const v = visible(viewerId, state, privacy.get(state.userId) ?? DEFAULT_PRIVACY, contacts.has(state.userId));
        const sig = JSON.stringify([v.status, v.statusText, v.lastSeenAt]);
        if (seen.get(state.userId) === sig) return;
        seen.set(state.userId, sig);
        stream.push({ userId: state.userId, presence: v });
      };
      try {
        // Subscribe first, then read the current state, so no change in between is lost.
        for (const id of ids) detachers.push(await d.bus.subscribe(channels.presence(id), handle));
        // Contacts are decided once per subscription, for everyone watched (one query), so a
        // privacy change to CONTACTS later needs no query per event.
        const current = await presenceOf(viewerId, ids, true);
        contacts = current.contacts;
        privacy = new Map([...current.settings].map(([id, s]) => [id, s]));
        seen = new Map([...current.out].map(([id, p]) => [id, JSON.stringify([p.status, p.statusText, p.lastSeenAt])]));
        for (const s of early) handle(s);
      } catch (err) {
        detachers.forEach((f) => f());
        throw err;
      }
      return stream;
    },

    /** Stops the timers after this node's connections have been closed. */
    async dispose(): Promise<void> {
      for (const t of timers) clearInterval(t);
      await Promise.all([...inflight]);
    },
  };
}

/** The presence service's surface. */
export type PresenceService = ReturnType<typeof createPresenceService>;
