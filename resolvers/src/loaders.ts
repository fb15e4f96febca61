import DataLoader from 'dataloader';
import type {
  BlockService,
  Conversation,
  ConversationStore,
  Member,
  Message,
  MessageReceipt,
  ReceiptService,
  User,
  UserStore,
} from '@parley/core';

/** Batching loaders; one set per request (or per subscription event, uncached). */
export interface Loaders {
  users: DataLoader<string, User | null>;
  conversations: DataLoader<string, Conversation | null>;
  messages: DataLoader<string, Message | null>;
  /** Key: `${conversationId}:${userId}`. */
  memberships: DataLoader<string, Member | null>;
  /** Unread messages and mentions; key: `${viewerId}:${conversationId}`. */
  unreadCounts: DataLoader<string, { messages: number; mentions: number }>;
  /** Receipts of the viewer's own messages (null for others'). */
  receipts: DataLoader<{ viewerId: string; message: Message }, MessageReceipt | null, string>;
  /** The emoji a viewer reacted with on a message; key: `${viewerId}:${messageId}`. */
  reactionsBy: DataLoader<string, ReadonlySet<string>>;
  /** Whether a viewer blocks a user; key: `${viewerId}:${userId}`. */
  blockedByMe: DataLoader<string, boolean>;
}

/** What the loaders read from. */
export interface LoaderSources {
  users: UserStore;
  conversations: ConversationStore;
  receipts: Pick<ReceiptService, 'receiptsFor'>;
  blocks: Pick<BlockService, 'blockedAmong'>;
}

/** Groups `${a}:${b}` keys by `a`, so one query runs per viewer (in practice one per request). */
function byFirst(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys) {
    const [a, b] = split(k);
    out.set(a, [...(out.get(a) ?? []), b]);
  }
  return out;
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

type Options = { cache: boolean };
const SOURCES = Symbol('loader sources');
const OPTIONS = Symbol('loader options');
type Lazy = { [SOURCES]: LoaderSources; [OPTIONS]: Options };

const FACTORIES: { [K in keyof Loaders]: (stores: LoaderSources, opts: Options) => Loaders[K] } = {
  users: (stores, opts) => new DataLoader(async (ids) => byId(ids, await stores.users.findByIds(ids)), opts),
  conversations: (stores, opts) =>
    new DataLoader(async (ids) => byId(ids, await stores.conversations.getConversations(ids)), opts),
  messages: (stores, opts) =>
    new DataLoader(async (ids) => byId(ids, await stores.conversations.getMessages(ids)), opts),
  memberships: (stores, opts) =>
    new DataLoader(async (keys) => {
      const rows = await stores.conversations.getMemberships(keys.map(pair));
      const map = new Map(rows.map((m) => [`${m.conversationId}:${m.userId}`, m]));
      return keys.map((k) => map.get(k) ?? null);
    }, opts),
  unreadCounts: (stores, opts) =>
    new DataLoader(async (keys) => {
      // One query per viewer; a context has one viewer, so in practice one query.
      const counts = new Map<string, { messages: number; mentions: number }>();
      for (const [viewerId, ids] of byFirst(keys)) {
        for (const [id, n] of await stores.conversations.unreadCounts(viewerId, ids))
          counts.set(`${viewerId}:${id}`, n);
      }
      return keys.map((k) => counts.get(k) ?? { messages: 0, mentions: 0 });
    }, opts),
  receipts: (stores, opts) =>
    new DataLoader(
      async (keys) => {
        const out = new Map<string, MessageReceipt | null>();
        for (const viewerId of new Set(keys.map((k) => k.viewerId))) {
          const messages = keys.filter((k) => k.viewerId === viewerId).map((k) => k.message);
          const receipts = await stores.receipts.receiptsFor(viewerId, messages);
          messages.forEach((m, i) => out.set(`${viewerId}:${m.id}`, receipts[i] ?? null));
        }
        return keys.map((k) => out.get(`${k.viewerId}:${k.message.id}`) ?? null);
      },
      { ...opts, cacheKeyFn: (k) => `${k.viewerId}:${k.message.id}` },
    ),
  reactionsBy: (stores, opts) =>
    new DataLoader(async (keys) => {
      const out = new Map<string, ReadonlySet<string>>();
      for (const [viewerId, ids] of byFirst(keys)) {
        for (const [id, emoji] of await stores.conversations.reactionsBy(viewerId, ids))
          out.set(`${viewerId}:${id}`, emoji);
      }
      return keys.map((k) => out.get(k) ?? new Set<string>());
    }, opts),
  blockedByMe: (stores, opts) =>
    new DataLoader(async (keys) => {
      const out = new Set<string>();
      for (const [viewerId, ids] of byFirst(keys)) {
        for (const id of await stores.blocks.blockedAmong(viewerId, ids)) out.add(`${viewerId}:${id}`);
      }
      return keys.map((k) => out.has(k));
    }, opts),
};

/**
 * Loaders are built on first read. A subscription keeps its context for its whole life and most
 * never resolve a field themselves (events are executed once per operation, on one subscriber's
 * context), so loaders are only made when something uses them; the getters live on one shared
 * prototype, so an unused set costs one small object per context, not a closure per loader.
 */
const LAZY: object = {};
for (const key of Object.keys(FACTORIES) as (keyof Loaders)[]) {
  Object.defineProperty(LAZY, key, {
    enumerable: true,
    get(this: Lazy) {
      const value = FACTORIES[key](this[SOURCES], this[OPTIONS]);
      Object.defineProperty(this, key, { value, enumerable: true });
      return value;
    },
  });
}
const CACHED: Options = { cache: true };
const UNCACHED: Options = { cache: false };

/** Creates loaders over the stores; `cache: false` for long-lived (subscription) contexts. */
export function createLoaders(stores: LoaderSources, cache = true): Loaders {
  const loaders = Object.create(LAZY) as Lazy;
  loaders[SOURCES] = stores;
  loaders[OPTIONS] = cache ? CACHED : UNCACHED;
  return loaders as unknown as Loaders;
}
