import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo, cache, onReconnect } from '../apollo/apollo.client';
import { persistCache } from '../apollo/cache.persist';
import type { ChannelListener } from '../event-log/conversation.channel';
import { EventLog } from '../event-log/event.log';
import { wsTransport } from '../event-log/ws.transport';
import { cacheGet, cachePut } from '../offline/offline.db';
import { seedPresence } from '../presence/presence.store';
import { currentUserId } from '../session/session.store';

/** The app's event log: events over graphql-ws, written into the app's Apollo cache. */
export const chatLog = new EventLog({
  client: apollo,
  cache,
  transport: wsTransport(apollo, onReconnect),
  me: currentUserId,
  onConversations: (conversations) => conversations.forEach(seedPresence),
});

const STORAGE_KEY = 'apollo-cache';

/**
 * The cache and the applied seqs, saved together for offline starts. Saved state of another user (a session
 * that ended without logging out) is never restored.
 */
export const chatCache = persistCache({
  cache,
  storage: { load: () => cacheGet(STORAGE_KEY), save: (value) => cachePut(STORAGE_KEY, value) },
  extra: {
    save: () => ({ userId: currentUserId(), cursors: chatLog.cursors() }),
    restore: (saved) => {
      const { userId, cursors } = (saved ?? {}) as { userId?: string; cursors?: unknown };
      if (!userId || userId !== currentUserId()) return false;
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
