import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo, cache } from '../apollo/apollo.client';
import { useCacheQuery } from '../composables/useCacheQuery';
import { insertIntoWindow } from '../event-log/event.cache';
import { MessagesQuery, MessageWindowQuery } from '../event-log/event.documents';
import type { ConversationEvent } from '../event-log/event.transport';
import type { MessageContentFragment } from '../gql/graphql';
import { chatLog, useConversationEvents } from './chat.log';

/** Messages loaded on each side of a message jumped to. */
const AROUND = 25;

/**
 * The messages of one conversation, read from the cache, where the event log keeps them current while the
 * calling component (effect scope) lives: events at or below the conversation's applied seq are ignored, and
 * every (re)subscription resumes after it. The window can also show older history around a message (a reply's
 * quote, a search hit): it then does not reach the newest message until `loadNewer` or `loadLatest` bring it.
 */
export function useTimeline(conversationId: MaybeRefOrGetter<string>) {
  const window = useCacheQuery(MessagesQuery, () => ({
    conversationId: toValue(conversationId),
    limit: chatLog.pageSize,
  }));
  const channel = shallowRef(chatLog.channel(toValue(conversationId)));
  /** Timeline messages the event log brought while the window did not reach them (it leaves them out). */
  const arrived: MessageContentFragment[] = [];
  const missed = ref(0);
  watch(
    () => toValue(conversationId),
    (id) => {
      channel.value = chatLog.channel(id);
      arrived.length = 0;
      missed.value = 0;
    },
  );
  useConversationEvents(conversationId, { event: noteArrival });
  const loadingOlder = ref(false);
  const loadingNewer = ref(false);
  /** The seq to scroll to and highlight; the list clears it once done. */
  const target = ref<number | null>(null);
  const hasMoreAfter = computed(() => window.value?.messages.hasMoreAfter ?? false);

  function noteArrival(event: ConversationEvent): void {
    if (event.__typename !== 'MessageAdded' || event.message.threadRootId) return;
    arrived.push(event.message);
    if (arrived.length > 500) arrived.shift();
    if (hasMoreAfter.value) missed.value++;
  }

  /**
   * A page fetched while events went on may lack the newest of them: the event log left them out of a window
   * that did not reach them. Once it does, they go in (insertIntoWindow ignores any already there).
   */
  function catchUp(): void {
    // Read from the cache itself: the watched window may not have caught up with the write just made.
    const now = apollo.cache.readQuery({
      query: MessageWindowQuery,
      variables: { conversationId: toValue(conversationId) },
    })?.messages;
    if (!now || now.hasMoreAfter) return;
    // Only what is newer than the window's start: an older arrival would leave a gap before it.
    const first = now.messages[0]?.seq ?? 0;
    arrived.filter((m) => m.seq > first).forEach((message) => insertIntoWindow(cache, message));
    arrived.length = 0;
    missed.value = 0;
  }

  async function page(variables: { beforeSeq?: number; afterSeq?: number }, loading: typeof loadingOlder) {
    if (loading.value) return;
    loading.value = true;
    try {
      // The cache puts the page before or after the window (see apollo.cache.ts).
      await apollo.query({
        query: MessagesQuery,
        variables: { conversationId: toValue(conversationId), limit: chatLog.pageSize, ...variables },
        fetchPolicy: 'network-only',
      });
      catchUp();
    } catch {
      // Offline: the user can scroll again later.
    } finally {
      loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const oldest = window.value?.messages.messages[0];
    if (window.value?.messages.hasMoreBefore && oldest) await page({ beforeSeq: oldest.seq }, loadingOlder);
  }

  async function loadNewer(): Promise<void> {
    const list = window.value?.messages.messages ?? [];
    const newest = list[list.length - 1];
    if (hasMoreAfter.value && newest) await page({ afterSeq: newest.seq }, loadingNewer);
  }

  /** Replaces the window with the newest page (the user asked for the latest messages). */
  async function loadLatest(): Promise<void> {
    if (!hasMoreAfter.value) return;
    const id = toValue(conversationId);
    const { data } = await apollo.query({
      query: MessagesQuery,
      variables: { conversationId: id, limit: chatLog.pageSize },
      fetchPolicy: 'no-cache',
    });
    if (!data) return;
    apollo.cache.writeQuery({ query: MessagesQuery, variables: { conversationId: id, limit: chatLog.pageSize }, data });
    catchUp();
  }

  /**
   * Shows the message at `seq` highlighted: at once when it is in the window, else after loading the window
   * around it, which replaces the current one. Resolves to false when it could not be loaded (offline).
   */
  async function jumpTo(seq: number): Promise<boolean> {
    const id = toValue(conversationId);
    if (!window.value?.messages.messages.some((m) => m.seq === seq)) {
      try {
        const vars = { conversationId: id, limit: AROUND };
        const [before, after] = await Promise.all([
          apollo.query({ query: MessagesQuery, variables: { ...vars, beforeSeq: seq + 1 }, fetchPolicy: 'no-cache' }),
          apollo.query({ query: MessagesQuery, variables: { ...vars, afterSeq: seq }, fetchPolicy: 'no-cache' }),
        ]);
        if (!before.data || !after.data) return false;
        const messages = { ...before.data.messages, hasMoreAfter: after.data.messages.hasMoreAfter };
        messages.messages = [...before.data.messages.messages, ...after.data.messages.messages];
        apollo.cache.writeQuery({
          query: MessagesQuery,
          variables: { conversationId: id, limit: chatLog.pageSize },
          data: { messages },
        });
        catchUp();
      } catch {
        return false;
      }
    }
    target.value = seq;
    return true;
  }

  return {
    messages: computed(() => window.value?.messages.messages ?? []),
    hasMoreBefore: computed(() => window.value?.messages.hasMoreBefore ?? false),
    hasMoreAfter,
    /** Messages that arrived but are not in a window showing older history. */
    missed,
    /** The window is in the cache (fetched now or restored from the last session). */
    ready: computed(() => window.value !== undefined),
    error: computed(() => channel.value.error.value),
    /** The viewer left or was removed while following it. */
    removed: computed(() => channel.value.removed.value),
    target,
    loadingOlder,
    loadingNewer,
    loadOlder,
    loadNewer,
    loadLatest,
    jumpTo,
  };
}
