import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { apollo } from '../apollo/apollo.client';
import { useQuery } from '../composables/useQuery';
import { graphql } from '../gql';
import { ConversationListItemFragmentDoc, type ConversationListItemFragment } from '../gql/graphql';
import { seedPresence } from '../presence/presence.store';
import { inbox } from './inbox.store';

const ChatHeaderQuery = graphql(`
  query ChatHeader($id: ID!) {
    conversation(id: $id) {
      ...ConversationListItem
    }
  }
`);

/**
 * The conversation a chat shows: from the list, or fetched when the list does not have it. The list drops a
 * conversation the viewer was removed from, and the server no longer answers for it: then the title and members
 * last seen stay, on screen or still in the cache (coming back to the chat).
 */
export function useChatConversation(
  id: MaybeRefOrGetter<string>,
  closed: Ref<boolean>,
): Ref<ConversationListItemFragment | null> {
  const header = useQuery(
    ChatHeaderQuery,
    () => ({ id: toValue(id) }),
    () => !inbox.find(toValue(id)) && !closed.value,
  );
  const current = computed(() => inbox.find(toValue(id)) ?? header.data.value?.conversation ?? null);
  const lastSeen = shallowRef<ConversationListItemFragment | null>(null);
  watch(
    () => toValue(id),
    (conversationId) => {
      lastSeen.value = apollo.cache.readFragment({
        id: apollo.cache.identify({ __typename: 'Conversation', id: conversationId }),
        fragment: ConversationListItemFragmentDoc,
        fragmentName: 'ConversationListItem',
      });
    },
    { immediate: true },
  );
  watch(current, (c) => {
    if (c) lastSeen.value = c;
  });
  // Only an answer from the server seeds presence; the cache may have been restored from an earlier session.
  watch(
    () => [header.data.value?.conversation, header.loading.value] as const,
    ([fresh, loading]) => {
      if (fresh && !loading) seedPresence(fresh);
    },
  );
  return computed(() => current.value ?? (lastSeen.value?.id === toValue(id) ? lastSeen.value : null));
}
