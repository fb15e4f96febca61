import { InMemoryCache, type FieldPolicy, type NormalizedCacheObject, type Reference } from '@apollo/client';
import generated from '../gql/possible-types';

/** A conversation's window of messages as the cache stores it: references in ascending seq. */
export interface MessageWindow {
  __typename?: string;
  messages: Reference[];
  hasMoreBefore: boolean;
  /** True while the window shows older history and does not reach the newest message (after a jump). */
  hasMoreAfter?: boolean;
}

/**
 * `Query.messages`: one window per conversation, whatever the page arguments. An older page (`beforeSeq`) is
 * put in front when it ends where the window starts, a newer one (`afterSeq`) behind when it starts where the
 * window ends; anything else (the newest page fetched as a snapshot, a window around a message, a window the
 * event log rewrote) replaces the window.
 */
const messagesWindow: FieldPolicy<MessageWindow> = {
  keyArgs: ['conversationId'],
  merge(existing, incoming, { args, readField }) {
    const beforeSeq = args?.['beforeSeq'] as number | null | undefined;
    const afterSeq = args?.['afterSeq'] as number | null | undefined;
    if (!existing || (beforeSeq == null && afterSeq == null)) return incoming;
    const known = new Set(existing.messages.map((m) => m.__ref));
    const fresh = incoming.messages.filter((m) => !known.has(m.__ref));
    // The window was replaced while this page was on its way (a resync, a jump): it would leave a gap.
    if (beforeSeq != null) {
      if (readField<number>('seq', existing.messages[0]) !== beforeSeq) return existing;
      return { ...existing, messages: [...fresh, ...existing.messages], hasMoreBefore: incoming.hasMoreBefore };
    }
    if (readField<number>('seq', existing.messages[existing.messages.length - 1]) !== afterSeq) return existing;
    return { ...existing, messages: [...existing.messages, ...fresh], hasMoreAfter: incoming.hasMoreAfter };
  },
};

/**
 * `Query.thread`: one window of replies per thread root; a page after its last reply (`afterSeq`) goes behind
 * it, the newest page replaces it, and the event log puts live replies in.
 */
const threadWindow: FieldPolicy<MessageWindow> = {
  keyArgs: ['rootMessageId'],
  merge(existing, incoming, { args, readField }) {
    const afterSeq = args?.['afterSeq'] as number | null | undefined;
    if (!existing || afterSeq == null) return incoming;
    if (readField<number>('seq', existing.messages[existing.messages.length - 1]) !== afterSeq) return existing;
    const known = new Set(existing.messages.map((m) => m.__ref));
    const fresh = incoming.messages.filter((m) => !known.has(m.__ref));
    return { ...existing, messages: [...existing.messages, ...fresh], hasMoreAfter: incoming.hasMoreAfter };
  },
};

/**
 * `Message.reactions` from an event has no `reactedByMe` (events are the same for every viewer). The group's
 * first users tell it when the viewer is among them or when they are all of them; past that, what the cache
 * knew before stands (the viewer's own reactions come back from their mutations with the flag).
 */
function reactionsPolicy(me: () => string | null): FieldPolicy<Reference[]> {
  return {
    merge(existing, incoming, { readField }) {
      return incoming.map((group) => {
        if (readField<boolean>('reactedByMe', group) !== undefined) return group;
        const users = readField<Reference[]>({ fieldName: 'users', args: { first: 10 }, from: group }) ?? [];
        const mine = users.some((u) => readField<string>('id', u) === me());
        const count = readField<number>('count', group) ?? 0;
        const emoji = readField<string>('emoji', group);
        const earlier = existing?.find((g) => readField<string>('emoji', g) === emoji);
        const before = earlier ? readField<boolean>('reactedByMe', earlier) : false;
        return { ...group, reactedByMe: mine || (count > users.length && before === true) };
      });
    },
  };
}

export interface CacheOptions {
  /** The signed-in user, for what events leave out about them. */
  me?: () => string | null;
}

/** The client's one store of chat state: normalized, so a message or member changed once changes everywhere. */
export function createCache({ me = () => null }: CacheOptions = {}): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // Message, Conversation and User are keyed by `id` (the default: `Message:<id>`).
      Query: { fields: { messages: messagesWindow, thread: threadWindow } },
      Message: {
        fields: {
          reactions: reactionsPolicy(me),
          // Per viewer, so not in events: a message an event brought has none until its receipts are read.
          receipt: { read: (existing: unknown) => existing ?? null },
        },
      },
      // A conversation saved before the client read retention is taken as kept until the list is fetched again,
      // so the list saved for offline use still shows.
      Conversation: {
        fields: { effectiveRetentionDays: { read: (existing: number | null | undefined) => existing ?? null } },
      },
      // A window written before jumps existed reaches the newest message.
      MessagePage: { fields: { hasMoreAfter: { read: (existing: boolean | undefined) => existing ?? false } } },
      // A membership has no id of its own: it is one user in one conversation.
      Member: { keyFields: ['conversationId', 'user', ['id']] },
      // One per viewer: what a settings mutation answers replaces what the settings page read.
      NotificationSettings: { keyFields: [] },
    },
  });
}

/** Keeps the newest `keep` messages of every window; the rest can be paged in again. */
export function trimMessageWindows(data: NormalizedCacheObject, keep: number): NormalizedCacheObject {
  const root = data['ROOT_QUERY'];
  if (!root) return data;
  const fields = Object.entries(root).map(([field, value]) => {
    const window = value as MessageWindow | undefined;
    if (!field.startsWith('messages') || !Array.isArray(window?.messages) || window.messages.length <= keep)
      return [field, value];
    return [field, { ...window, messages: window.messages.slice(-keep), hasMoreBefore: true }];
  });
  return { ...data, ROOT_QUERY: Object.fromEntries(fields) as NormalizedCacheObject[string] };
}
