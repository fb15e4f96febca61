import { isReference, type ApolloCache, type InMemoryCache } from '@apollo/client';
import type { MessageWindow } from '../apollo/apollo.cache';
import {
  EventConversationFragmentDoc,
  EventMemberFragmentDoc,
  MessageItemFragmentDoc,
  type ConversationListItemFragment,
  type MessageItemFragment,
} from '../gql/graphql';
import { ConversationSummaryFragment, ConversationsQuery } from './event.documents';
import type { ConversationEvent } from './event.transport';

/** Writes the entities an event carries; normalization shows the change wherever they appear. */
export function writeEntities(cache: ApolloCache, event: ConversationEvent): void {
  switch (event.__typename) {
    case 'MessageAdded':
    case 'MessageUpdated':
      writeMessage(cache, event.message);
      break;
    case 'MemberJoined':
    case 'MemberUpdated':
      cache.writeFragment({ fragment: EventMemberFragmentDoc, data: event.member });
      break;
    case 'ConversationUpdated':
      cache.writeFragment({ fragment: EventConversationFragmentDoc, data: event.conversation });
      break;
    case 'MemberLeft':
      break;
  }
}

/** Writes one message; every view of it (timeline, list preview, quoted replies) shows the new state. */
export function writeMessage(cache: ApolloCache, message: MessageItemFragment): void {
  cache.writeFragment({ fragment: MessageItemFragmentDoc, fragmentName: 'MessageItem', data: message });
}

/** Puts a written message into its conversation's window, in seq order and once; no window, nothing to do. */
export function insertIntoWindow(
  cache: InMemoryCache,
  message: Pick<MessageItemFragment, 'id' | 'seq' | 'conversationId'>,
): void {
  const args = { conversationId: message.conversationId };
  const field = cache.policies.getStoreFieldName({ typename: 'Query', fieldName: 'messages', args });
  // Only the list of references changes: a replay of many events must not rewrite the whole window each time.
  cache.modify<{ messages: MessageWindow }>({
    id: 'ROOT_QUERY',
    fields: {
      messages: (window, { storeFieldName, readField, toReference }) => {
        const ref = toReference({ __typename: 'Message', id: message.id });
        if (storeFieldName !== field || isReference(window) || !ref) return window;
        const list = window.messages;
        if (list.some((m) => m.__ref === ref.__ref)) return window;
        let at = list.length;
        while (at > 0 && (readField<number>('seq', list[at - 1]) ?? 0) > message.seq) at--;
        return { ...window, messages: [...list.slice(0, at), ref, ...list.slice(at)] };
      },
    },
  });
}

export interface Viewer {
  me: string | null;
  /** The conversation on screen: what arrives there is read at once. */
  active: string | null;
}

/**
 * Advances a conversation's summary in the list (last seq, last message, unread count) for an event newer than
 * its `lastSeq`, so each event counts once whichever subscription brought it. `added` is the message the event
 * added, if any. Returns false when the conversation is not in the cache.
 */
export function noteInSummary(
  cache: ApolloCache,
  conversationId: string,
  seq: number,
  added: MessageItemFragment | null,
  viewer: Viewer,
): boolean {
  const id = cache.identify({ __typename: 'Conversation', id: conversationId });
  const summary = cache.readFragment({ id, fragment: ConversationSummaryFragment });
  if (!summary) return false;
  if (seq <= summary.lastSeq) return true;
  const unread = added !== null && added.sender?.id !== viewer.me && viewer.active !== conversationId;
  cache.modify<{ lastSeq: number; unreadCount: number; lastMessage: unknown }>({
    id,
    fields: {
      lastSeq: () => seq,
      ...(added && {
        lastMessage: (_, { toReference }) => toReference({ __typename: 'Message', id: added.id }),
        unreadCount: (count) => (unread ? count + 1 : count),
      }),
    },
  });
  return true;
}

/** Sets what the viewer has not read in a conversation to nothing, ahead of the server. */
export function clearUnread(cache: ApolloCache, conversationId: string): void {
  cache.modify<{ unreadCount: number }>({
    id: cache.identify({ __typename: 'Conversation', id: conversationId }),
    fields: { unreadCount: (count) => (count > 0 ? 0 : count) },
  });
}

/** Adds a conversation to the list (newest activity first is the view's order) unless it is there. */
export function addToList(cache: ApolloCache, conversation: ConversationListItemFragment): void {
  cache.updateQuery({ query: ConversationsQuery }, (data) => {
    const list = data?.conversations.conversations;
    if (!data || !list || list.some((c) => c.id === conversation.id)) return undefined;
    return { ...data, conversations: { ...data.conversations, conversations: [conversation, ...list] } };
  });
}

/** Takes a conversation off the list (the viewer left it or was removed). */
export function removeFromList(cache: ApolloCache, conversationId: string): void {
  cache.updateQuery({ query: ConversationsQuery }, (data) => {
    const list = data?.conversations.conversations;
    if (!data || !list?.some((c) => c.id === conversationId)) return undefined;
    const rest = list.filter((c) => c.id !== conversationId);
    return { ...data, conversations: { ...data.conversations, conversations: rest } };
  });
}
