import { isReference, type ApolloCache, type InMemoryCache, type Reference } from '@apollo/client';
import type { ModifierDetails } from '@apollo/client/cache';
import type { MessageWindow } from '../apollo/apollo.cache';
import {
  EventConversationFragmentDoc,
  EventMemberFragmentDoc,
  MessageContentFragmentDoc,
  MessageItemFragmentDoc,
  type ConversationListItemFragment,
  type MessageContentFragment,
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

/**
 * Writes one message as an event carries it; every view of it (timeline, list preview, quoted replies, thread)
 * shows the new state. What the event leaves out (the viewer's receipt) stays as the cache had it.
 */
export function writeMessage(cache: ApolloCache, message: MessageContentFragment): void {
  cache.writeFragment({ fragment: MessageContentFragmentDoc, fragmentName: 'MessageContent', data: message });
}

/** Writes a message as a query or mutation answered it, with the viewer's own parts. */
export function writeMessageItem(cache: ApolloCache, message: MessageItemFragment): void {
  cache.writeFragment({ fragment: MessageItemFragmentDoc, fragmentName: 'MessageItem', data: message });
}

type Placed = Pick<MessageContentFragment, 'id' | 'seq' | 'conversationId'> & { threadRootId?: string | null };

/**
 * Puts a written message into its window, in seq order and once: the conversation's timeline, or for a thread
 * reply its thread's replies. No window, or one showing older history (the newest part is fetched when the
 * user goes there): nothing to do.
 */
export function insertIntoWindow(cache: InMemoryCache, message: Placed): void {
  const [fieldName, args] = message.threadRootId
    ? ['thread', { rootMessageId: message.threadRootId }]
    : ['messages', { conversationId: message.conversationId }];
  const field = cache.policies.getStoreFieldName({ typename: 'Query', fieldName, args });
  const modify = (window: MessageWindow | Reference, details: ModifierDetails): MessageWindow | Reference => {
    const { storeFieldName, readField, toReference } = details;
    const ref = toReference({ __typename: 'Message', id: message.id });
    if (storeFieldName !== field || isReference(window) || !ref || window.hasMoreAfter) return window;
    const list = window.messages;
    if (list.some((m) => m.__ref === ref.__ref)) return window;
    let at = list.length;
    while (at > 0 && (readField<number>('seq', list[at - 1]) ?? 0) > message.seq) at--;
    return { ...window, messages: [...list.slice(0, at), ref, ...list.slice(at)] };
  };
  // Only the list of references changes: a replay of many events must not rewrite the whole window each time.
  cache.modify<{ messages: MessageWindow; thread: MessageWindow }>({
    id: 'ROOT_QUERY',
    fields: message.threadRootId ? { thread: modify } : { messages: modify },
  });
}

export interface Viewer {
  me: string | null;
  /** The conversation on screen: what arrives there is read at once. */
  active: string | null;
}

type Added = Pick<MessageContentFragment, 'id' | 'sender' | 'threadRootId' | 'mentions'>;

/**
 * Advances a conversation's summary in the list (last seq, last message, unread and mention counts) for an event
 * newer than its `lastSeq`, so each event counts once whichever subscription brought it. `added` is the message
 * the event added, if any. Thread replies become the last message (as the server has it) but, like on the
 * server, are never unread. Returns false when the conversation is not in the cache.
 */
export function noteInSummary(
  cache: ApolloCache,
  conversationId: string,
  seq: number,
  added: Added | null,
  viewer: Viewer,
): boolean {
  const id = cache.identify({ __typename: 'Conversation', id: conversationId });
  const summary = cache.readFragment({ id, fragment: ConversationSummaryFragment });
  if (!summary) return false;
  if (seq <= summary.lastSeq) return true;
  const unread =
    added !== null && !added.threadRootId && added.sender?.id !== viewer.me && viewer.active !== conversationId;
  const mentionsMe = unread && added.mentions.some((u) => u.id === viewer.me);
  cache.modify<{ lastSeq: number; unreadCount: number; unreadMentionCount: number; lastMessage: unknown }>({
    id,
    fields: {
      lastSeq: () => seq,
      ...(added && {
        // A thread reply stays in its thread: the server keeps the timeline's last message as the preview.
        ...(!added.threadRootId && {
          lastMessage: (_, { toReference }) => toReference({ __typename: 'Message', id: added.id }),
        }),
        unreadCount: (count) => (unread ? count + 1 : count),
        unreadMentionCount: (count) => (mentionsMe ? count + 1 : count),
      }),
    },
  });
  return true;
}

/** Sets what the viewer has not read in a conversation to nothing, ahead of the server. */
export function clearUnread(cache: ApolloCache, conversationId: string): void {
  cache.modify<{ unreadCount: number; unreadMentionCount: number }>({
    id: cache.identify({ __typename: 'Conversation', id: conversationId }),
    fields: {
      unreadCount: (count) => (count > 0 ? 0 : count),
      unreadMentionCount: (count) => (count > 0 ? 0 : count),
    },
  });
}

/** Takes a message out of its conversation's window (deleted for the viewer only: nobody else is told). */
export function removeFromWindow(cache: ApolloCache, message: Pick<MessageContentFragment, 'id'>): void {
  cache.modify<{ messages: MessageWindow }>({
    id: 'ROOT_QUERY',
    fields: {
      messages: (window, { toReference }) => {
        const ref = toReference({ __typename: 'Message', id: message.id });
        if (isReference(window) || !ref || !window.messages.some((m) => m.__ref === ref.__ref)) return window;
        return { ...window, messages: window.messages.filter((m) => m.__ref !== ref.__ref) };
      },
    },
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
