import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { Subscription } from 'rxjs';
import { apollo, onReconnect } from '../apollo/apollo.client';
import { connection } from '../connection/connection.store';
import type { TypingSubscription as TypingSubscriptionResult } from '../gql/graphql';
import { TypingSubscription } from './typing.documents';

export type TypingState = Pick<TypingSubscriptionResult['typing'], 'count' | 'users'>;

const NOBODY: TypingState = { count: 0, users: [] };

/**
 * Who is typing in a conversation. Each event replaces the whole list; the list is emptied at once on a
 * conversation switch, on unmount and while disconnected, so a stop we could not receive never lingers.
 */
export function useTyping(conversationId: MaybeRefOrGetter<string>): Ref<TypingState> {
  const state = shallowRef<TypingState>(NOBODY);
  let subscription: Subscription | null = null;

  function start(): void {
    subscription?.unsubscribe();
    state.value = NOBODY;
    const id = toValue(conversationId);
    subscription = apollo.subscribe({ query: TypingSubscription, variables: { conversationId: id } }).subscribe({
      next: ({ data }) => {
        const event = data?.typing;
        if (event && event.conversationId === id) state.value = { count: event.count, users: event.users };
      },
      error: () => {
        state.value = NOBODY;
      },
    });
  }

  watch(() => toValue(conversationId), start, { immediate: true });
  watch(
    () => connection.status,
    (status) => {
      if (status !== 'online') state.value = NOBODY;
    },
  );
  const stopReconnect = onReconnect(start);
  onScopeDispose(() => {
    stopReconnect();
    subscription?.unsubscribe();
    subscription = null;
    state.value = NOBODY;
  });
  return state;
}
