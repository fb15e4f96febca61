import DataLoader from 'dataloader';
import type { Conversation, Member, Message } from '@parley/core';
import type { User } from '@parley/core';
import type { ConversationStore } from '@parley/core';
import type { UserStore } from '@parley/core';

/** Batching loaders; one set per request (or per subscription event, uncached). */
export interface Loaders {
  users: DataLoader<string, User | null>;
  conversations: DataLoader<string, Conversation | null>;
  messages: DataLoader<string, Message | null>;
  /** Key: `${conversationId}:${userId}`. */
  memberships: DataLoader<string, Member | null>;
  /** The viewer's unread count per conversation id. */
  unreadCounts: DataLoader<string, number>;
}

const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]) => {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
};

/**
 * An object whose properties are built on first read. A subscription keeps its context for its
 * whole life and most never resolve a field themselves (events are executed once per operation, on
 * one subscriber's context), so loaders are only made when something uses them.
 */
function lazily<T extends object>(factories: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(factories) as (keyof T)[]) {
    Object.defineProperty(out, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = factories[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

/** Creates loaders over the stores; `cache: false` for long-lived (subscription) contexts. */
export function createLoaders(
  stores: { users: UserStore; conversations: ConversationStore },
  viewerId: string | null,
  cache = true,
): Loaders {
  const opts = { cache };
  return lazily<Loaders>({
    users: () => new DataLoader(async (ids) => byId(ids, await stores.users.findByIds(ids)), opts),
    conversations: () =>
      new DataLoader(async (ids) => byId(ids, await stores.conversations.getConversations(ids)), opts),
    messages: () => new DataLoader(async (ids) => byId(ids, await stores.conversations.getMessages(ids)), opts),
    memberships: () =>
      new DataLoader(async (keys) => {
        const pairs = keys.map((k) => {
          const [conversationId = '', userId = ''] = k.split(':');
          return { conversationId, userId };
        });
        const rows = await stores.conversations.getMemberships(pairs);
        const map = new Map(rows.map((m) => [`${m.conversationId}:${m.userId}`, m]));
        return keys.map((k) => map.get(k) ?? null);
      }, opts),
    unreadCounts: () =>
      new DataLoader(async (ids) => {
        if (!viewerId) return ids.map(() => 0);
        const counts = await stores.conversations.unreadCounts(viewerId, ids);
        return ids.map((id) => counts.get(id) ?? 0);
      }, opts),
  });
}
