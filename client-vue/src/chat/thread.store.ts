import { computed, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo, cache } from '../apollo/apollo.client';
import { useCacheQuery } from '../composables/useCacheQuery';
import { insertIntoWindow } from '../event-log/event.cache';
import { graphql } from '../gql';
import type { MessageContentFragment } from '../gql/graphql';
import { useConversationEvents } from './chat.log';

/** Replies shown in a thread; longer threads show their newest. */
const THREAD_PAGE = 200;

export const ThreadQuery = graphql(`
  query Thread($rootMessageId: ID!, $afterSeq: Int, $limit: Int!) {
    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: $limit) {
      messages {
        ...MessageItem
      }
      hasMoreBefore
      hasMoreAfter
    }
  }
`);

/**
 * The replies of one thread, from the cache. Opening it fetches the newest replies; after that the event log
 * puts each new reply in (the conversation's channel is open while the chat is), like the timeline's window.
 */
export function useThread(conversationId: MaybeRefOrGetter<string>, rootId: MaybeRefOrGetter<string>) {
  const variables = () => ({ rootMessageId: toValue(rootId), limit: THREAD_PAGE });
  const window = useCacheQuery(ThreadQuery, variables);
  const error = ref<string | null>(null);
  const loading = ref(false);
  // Replies the event log brought while the page was on its way: it may lack them.
  let arrived: MessageContentFragment[] = [];

  useConversationEvents(conversationId, {
    event: (event) => {
      if (event.__typename === 'MessageAdded' && event.message.threadRootId === toValue(rootId))
        arrived.push(event.message);
    },
  });

  async function load(): Promise<void> {
    loading.value = true;
    arrived = [];
    try {
      await apollo.query({ query: ThreadQuery, variables: variables(), fetchPolicy: 'network-only' });
      arrived.forEach((reply) => insertIntoWindow(cache, reply));
      error.value = null;
    } catch {
      // Offline, the replies seen last time (if any) stay.
      error.value = window.value ? null : 'The replies could not be loaded.';
    } finally {
      loading.value = false;
      arrived = [];
    }
  }
  watch(() => toValue(rootId), load, { immediate: true });

  return {
    replies: computed(() => window.value?.thread.messages ?? []),
    hasMoreBefore: computed(() => window.value?.thread.hasMoreBefore ?? false),
    loading,
    error,
  };
}
