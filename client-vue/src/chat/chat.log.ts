import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo, cache, onReconnect, pollReports, transports } from '../apollo/apollo.client';
import { persistCache } from '../apollo/cache.persist';
import type { ChannelListener } from '../event-log/conversation.channel';
import { EventLog } from '../event-log/event.log';
import { pollTransport } from '../event-log/poll.transport';
import { subscriptionTransport } from '../event-log/subscription.transport';
import { switchingTransport } from '../event-log/switching.transport';
import type { ConversationListItemFragment } from '../gql/graphql';
import { cacheGet, cachePut } from '../offline/offline.db';
import { seedPresence } from '../presence/presence.store';
import { currentUserId } from '../session/session.store';
import { MarkDeliveredMutation } from './chat.documents';
import { MarkerSender } from './marker.sender';

/** "Delivered" goes out for every message of others this device receives, a few per second at most. */
export const deliveries = new MarkerSender((conversationId, seq) =>
  apollo.mutate({ mutation: MarkDeliveredMutation, variables: { conversationId, seq } }),
);

/** What arrived while the app was closed reaches the device with the list: unread last messages of others. */
function noteListDelivered(conversations: readonly ConversationListItemFragment[]): void {
  for (const c of conversations) {
    const last = c.lastMessage;
    if (c.unreadCount > 0 && last?.sender && last.sender.id !== currentUserId()) deliveries.note(c.id, last.seq);
  }
}

const overSubscriptions = subscriptionTransport(apollo, onReconnect);
const overPolls = pollTransport({ client: apollo, onReconnect, report: pollReports });
// Subscriptions travel over WebSocket or SSE (the Apollo link picks); long-polling has its own transport.
const transport = switchingTransport(() => (transports.mode === 'poll' ? overPolls : overSubscriptions), onReconnect);

/** The app's event log: events over WebSocket, SSE or long-polling, written into the app's Apollo cache. */
export const chatLog = new EventLog({
  client: apollo,
  cache,
  transport,
  me: currentUserId,
  onConversations: (conversations) => {
    conversations.forEach(seedPresence);
    noteListDelivered(conversations);
  },
  delivered: (conversationId, seq) => deliveries.note(conversationId, seq),
});

const STORAGE_KEY = 'apollo-cache';
/**
 * The shape of what is saved: raise it when the documents change, so a cache saved by an older version (missing
 * fields the views now read) is dropped instead of showing nothing until it is fetched again.
 */
const CACHE_VERSION = 4;

/**
 * The cache and the applied seqs, saved together for offline starts. Saved state of another user (a session
 * that ended without logging out) is never restored.
 */
export const chatCache = persistCache({
  cache,
  storage: { load: () => cacheGet(STORAGE_KEY), save: (value) => cachePut(STORAGE_KEY, value) },
  extra: {
    save: () => ({ userId: currentUserId(), cursors: chatLog.cursors(), version: CACHE_VERSION }),
    restore: (saved) => {
      const { userId, cursors, version } = (saved ?? {}) as { userId?: string; cursors?: unknown; version?: number };
      if (!userId || userId !== currentUserId() || version !== CACHE_VERSION) return false;
      chatLog.restoreCursors(cursors);
      return true;
    },
  },
});

/** Keeps a conversation's channel open while the calling component (effect scope) lives. */
export function useConversationEvents(conversationId: MaybeRefOrGetter<string>, listener?: ChannelListener): void {
  watch(
    () => toValue(conversationId),
    (id, _old, onCleanup) => onCleanup(chatLog.open(id, listener)),
    { immediate: true },
  );
}
