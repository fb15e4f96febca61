import { InMemoryCache, type FieldPolicy, type NormalizedCacheObject, type Reference } from '@apollo/client';
import generated from '../gql/possible-types';

/** A conversation's window of messages as the cache stores it: references in ascending seq. */
export interface MessageWindow {
  __typename?: string;
  messages: Reference[];
  hasMoreBefore: boolean;
}

/**
 * `Query.messages`: one window per conversation, whatever the page arguments. An older page (`beforeSeq`) is
 * put in front when it ends where the window starts; anything else (the newest page fetched as a snapshot, a
 * window the event log rewrote) replaces the window.
 */
const messagesWindow: FieldPolicy<MessageWindow> = {
  keyArgs: ['conversationId'],
  merge(existing, incoming, { args, readField }) {
    const beforeSeq = args?.['beforeSeq'] as number | null | undefined;
    if (beforeSeq == null || !existing) return incoming;
    // The window was replaced while this page was on its way (a resync): it would leave a gap.
    if (readField<number>('seq', existing.messages[0]) !== beforeSeq) return existing;
    const known = new Set(existing.messages.map((m) => m.__ref));
    return {
      ...existing,
      messages: [...incoming.messages.filter((m) => !known.has(m.__ref)), ...existing.messages],
      hasMoreBefore: incoming.hasMoreBefore,
    };
  },
};

/** The client's one store of chat state: normalized, so a message or member changed once changes everywhere. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // Message, Conversation and User are keyed by `id` (the default: `Message:<id>`).
      Query: { fields: { messages: messagesWindow } },
      // A membership has no id of its own: it is one user in one conversation.
      Member: { keyFields: ['conversationId', 'user', ['id']] },
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
