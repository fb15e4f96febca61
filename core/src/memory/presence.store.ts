import type { ChosenStatus } from '../presence/presence.model';
import type { PresenceRecord, PresenceStore } from '../ports/presence.store';

interface UserState {
  connections: Map<string, number>;
  chosenStatus: ChosenStatus | null;
  statusText: string | null;
  lastActiveAt: number | null;
  lastSeenAt: number | null;
  published: string | null;
}

/** {@link PresenceStore} in process memory, for a single node (embedded and server modes). */
export function createMemoryPresenceStore(): PresenceStore {
  const users = new Map<string, UserState>();
  const foreground = new Map<string, Map<string, { conversationId: string | null; expiresAt: number }>>();
  const state = (userId: string): UserState => {
    let s = users.get(userId);
    if (!s) {
      s = {
        connections: new Map(),
        chosenStatus: null,
        statusText: null,
        lastActiveAt: null,
        lastSeenAt: null,
        published: null,
      };
      users.set(userId, s);
    }
    return s;
  };
  return {
    async connect(c, now, expiresAt, seed) {
      const s = state(c.userId);
      s.connections.set(c.connectionId, expiresAt);
      s.lastActiveAt = Math.max(s.lastActiveAt ?? 0, now);
      s.chosenStatus = seed.chosenStatus;
      s.statusText = seed.statusText;
    },
    async disconnect(c, now) {
      const s = users.get(c.userId);
      if (!s?.connections.delete(c.connectionId)) return false;
      if (s.connections.size > 0) return false;
      s.lastSeenAt = now;
      return true;
    },
    async refresh(connections, expiresAt, active) {
      for (const c of connections) state(c.userId).connections.set(c.connectionId, expiresAt);
      for (const a of active) {
        const s = state(a.userId);
        s.lastActiveAt = Math.max(s.lastActiveAt ?? 0, a.at);
      }
    },
    async sweep(now) {
      const gone: string[] = [];
      for (const [userId, s] of users) {
        if (s.connections.size === 0) continue;
        for (const [id, exp] of s.connections) if (exp <= now) s.connections.delete(id);
        if (s.connections.size === 0) {
          s.lastSeenAt = now;
          gone.push(userId);
        }
      }
      return gone;
    },
    async get(userIds) {
      const out = new Map<string, PresenceRecord>();
      for (const id of userIds) {
        const s = users.get(id);
        if (!s) continue;
        out.set(id, {
          connections: s.connections.size,
          chosenStatus: s.chosenStatus,
          statusText: s.statusText,
          lastActiveAt: s.lastActiveAt,
          lastSeenAt: s.lastSeenAt,
        });
      }
      return out;
    },
    async setChosenStatus(userId, status, statusText) {
      const s = state(userId);
      s.chosenStatus = status;
      s.statusText = statusText;
    },
    async swapPublished(userId, signature) {
      const s = state(userId);
      if (s.published === signature) return false;
      s.published = signature;
      return true;
    },
    async setFocus(userId, clientId, focus) {
      const clients = foreground.get(userId) ?? new Map();
      if (focus) clients.set(clientId, { ...focus });
      else clients.delete(clientId);
      if (clients.size > 0) foreground.set(userId, clients);
      else foreground.delete(userId);
    },
    async focused(userIds, now) {
      const out = new Map<string, (string | null)[]>();
      for (const id of userIds) {
        const live = [...(foreground.get(id)?.values() ?? [])].filter((f) => f.expiresAt > now);
        if (live.length > 0)
          out.set(
            id,
            live.map((f) => f.conversationId),
          );
      }
      return out;
    },
    async dispose() {
      users.clear();
    },
  };
}
