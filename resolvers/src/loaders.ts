import DataLoader from 'dataloader';
import type { Conversation, ConversationStore, Member, Message, User, UserStore } from '@parley/core';

/** Batching loaders; one set per request (or per subscription event, uncached). */
export interface Loaders {
  users: DataLoader<string, User | null>;
  conversations: DataLoader<string, Conversation | null>;
  messages: DataLoader<string, Message | null>;
  /** Key: `${conversationId}:${userId}`. */
  memberships: DataLoader<string, Member | null>;
  /** Unread counts; key: `${viewerId}:${conversationId}`. */
  unreadCounts: DataLoader<string, number>;
}

const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]) => {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
};

const split = (key: string): [string, string] => {
  const [a = '', b = ''] = key.split(':');
  return [a, b];
};
const pair = (key: string) => {
  const [conversationId, userId] = split(key);
  return { conversationId, userId };
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
export function createLoaders(stores: { users: UserStore; conversations: ConversationStore }, cache = true): Loaders {
  const opts = { cache };
  return lazily<Loaders>({
    users: () => new DataLoader(async (ids) => byId(ids, await stores.users.findByIds(ids)), opts),
    conversations: () =>
      new DataLoader(async (ids) => byId(ids, await stores.conversations.getConversations(ids)), opts),
    messages: () => new DataLoader(async (ids) => byId(ids, await stores.conversations.getMessages(ids)), opts),
    memberships: () =>
      new DataLoader(async (keys) => {
        const rows = await stores.conversations.getMemberships(keys.map(pair));
        const map = new Map(rows.map((m) => [`${m.conversationId}:${m.userId}`, m]));
        return keys.map((k) => map.get(k) ?? null);
      }, opts),
    unreadCounts: () =>
      new DataLoader(async (keys) => {
        // One query per viewer; a context has one viewer, so in practice one query.
        const byViewer = new Map<string, string[]>();
        for (const k of keys) {
          const [viewerId, conversationId] = split(k);
          byViewer.set(viewerId, [...(byViewer.get(viewerId) ?? []), conversationId]);
        }
        const counts = new Map<string, number>();
        for (const [viewerId, ids] of byViewer) {
          for (const [id, n] of await stores.conversations.unreadCounts(viewerId, ids))
            counts.set(`${viewerId}:${id}`, n);
        }
        return keys.map((k) => counts.get(k) ?? 0);
      }, opts),
  });
}
