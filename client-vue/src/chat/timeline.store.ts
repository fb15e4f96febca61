import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo } from '../apollo/apollo.client';
import { useCacheQuery } from '../composables/useCacheQuery';
import { MessagesQuery } from '../event-log/event.documents';
import { chatLog, useConversationEvents } from './chat.log';

/**
 * The messages of one conversation, read from the cache, where the event log keeps them current while the
 * calling component (effect scope) lives: events at or below the conversation's applied seq are ignored, and
 * every (re)subscription resumes after it.
 */
export function useTimeline(conversationId: MaybeRefOrGetter<string>) {
  const window = useCacheQuery(MessagesQuery, () => ({
    conversationId: toValue(conversationId),
    limit: chatLog.pageSize,
  }));
  const channel = shallowRef(chatLog.channel(toValue(conversationId)));
  watch(
    () => toValue(conversationId),
    (id) => (channel.value = chatLog.channel(id)),
  );
  useConversationEvents(conversationId);
  const loadingOlder = ref(false);

  async function loadOlder(): Promise<void> {
    const page = window.value?.messages;
    const oldest = page?.messages[0];
    if (loadingOlder.value || !page?.hasMoreBefore || !oldest) return;
    loadingOlder.value = true;
    try {
      // The cache puts the older page in front of the window (see apollo.cache.ts).
      await apollo.query({
        query: MessagesQuery,
        variables: { conversationId: oldest.conversationId, beforeSeq: oldest.seq, limit: chatLog.pageSize },
        fetchPolicy: 'network-only',
      });
    } catch {
      // Offline: the user can scroll up again later.
    } finally {
      loadingOlder.value = false;
    }
  }

  return {
    messages: computed(() => window.value?.messages.messages ?? []),
    hasMoreBefore: computed(() => window.value?.messages.hasMoreBefore ?? false),
    /** The window is in the cache (fetched now or restored from the last session). */
    ready: computed(() => window.value !== undefined),
    error: computed(() => channel.value.error.value),
    /** The viewer left or was removed while following it. */
    removed: computed(() => channel.value.removed.value),
    loadingOlder,
    loadOlder,
  };
}
