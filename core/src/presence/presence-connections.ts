import type { PresenceSettingsStore } from '../ports/presence-settings.store';
import type { ConnectionRef, PresenceStore } from '../ports/presence.store';

/** Settings of {@link createPresenceConnections}. */
export interface PresenceConnectionsDeps {
  store: PresenceStore;
  settings: Pick<PresenceSettingsStore, 'get'>;
  /** Unique per node, so connection ids never collide across nodes. */
  nodeId: string;
  ttlMs: number;
  awayAfterMs: number;
  now: () => number;
  onError: (err: unknown) => void;
  /** Re-reads a user's shared state and publishes it if it changed. */
  recompute: (userId: string) => Promise<void>;
}

/**
 * This node's WebSocket connections in the shared presence store: each is recorded on open, kept
 * alive by one batched heartbeat per interval, and removed on close; a sweep removes the
 * connections of dead nodes; users idle for `awayAfterMs` are recomputed (to AWAY).
 */
export function createPresenceConnections(d: PresenceConnectionsDeps) {
  const { now, onError } = d;
  // Heartbeats keep expiry at least two beats ahead; a sweep runs a few times per TTL, and the
  // expiry is set one sweep short of the TTL so a dead node's users go within the TTL.
  const heartbeatMs = Math.max(250, Math.floor(d.ttlMs / 3));
  const sweepMs = Math.max(250, Math.min(5000, Math.floor(d.ttlMs / 3)));
  const expiry = () => now() + d.ttlMs - sweepMs;
  const idleCheckMs = Math.max(250, Math.min(heartbeatMs, Math.floor(d.awayAfterMs / 4)));

  /**
   * By the transport's socket id (unique on this node; the store's connection id, which adds the
   * node's, is made when it is needed, not kept per socket). `op`: the socket's last operation while
   * it runs (null after, so an idle socket holds no promise).
   */
  const sockets = new Map<string, { userId: string; lastActive: number; op: Promise<unknown> | null }>();
  const connectionId = (socketId: string) => `${d.nodeId}:${socketId}`;
  const pendingActivity = new Map<string, number>();
  const idleUsers = new Set<string>();
  const recompute = d.recompute;
  const recomputeLater = (userId: string) => void recompute(userId).catch(onError);

  /** Runs connection operations in order per connection. */
  const inflight = new Set<Promise<unknown>>();
  function chain(entry: { op: Promise<unknown> | null }, fn: () => Promise<unknown>): Promise<unknown> {
    const op: Promise<unknown> = (entry.op ?? Promise.resolve()).then(fn).catch(onError);
    entry.op = op;
    inflight.add(op);
    void op.finally(() => {
      inflight.delete(op);
      if (entry.op === op) entry.op = null;
    });
    return op;
  }

  async function heartbeat(): Promise<void> {
    const t = now();
    const conns: ConnectionRef[] = [];
    const lastActiveByUser = new Map<string, number>();
    for (const [socketId, s] of sockets) {
      conns.push({ userId: s.userId, connectionId: connectionId(socketId) });
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

  return {
    /** A WebSocket of `userId` opened on this node; `socketId` is unique on this node. */
    connected(userId: string, socketId: string): void {
      const entry = { userId, lastActive: now(), op: null as Promise<unknown> | null };
      sockets.set(socketId, entry);
      idleUsers.delete(userId);
      void chain(entry, async () => {
        const s = (await d.settings.get([userId])).get(userId);
        await d.store.connect({ userId, connectionId: connectionId(socketId) }, now(), expiry(), {
          chosenStatus: s?.chosenStatus ?? null,
          statusText: s?.statusText ?? null,
        });
        await recompute(userId);
      });
    },

    /** Any operation on the socket: the user is active. */
    active(socketId: string): void {
      const s = sockets.get(socketId);
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
      const s = sockets.get(socketId);
      if (!s) return Promise.resolve();
      sockets.delete(socketId);
      return chain(s, async () => {
        if (await d.store.disconnect({ userId: s.userId, connectionId: connectionId(socketId) }, now()))
          await recompute(s.userId);
      });
    },
    /** Records activity of `userId` now (choosing ONLINE counts as activity). */
    touch: (userId: string) => d.store.refresh([], expiry(), [{ userId, at: now() }]),

    /** Stops the timers and waits for connection operations in flight. */
    async dispose(): Promise<void> {
      for (const t of timers) clearInterval(t);
      await Promise.all([...inflight]);
    },
  };
}
