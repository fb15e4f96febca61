import { computed, onScopeDispose, toValue, watchEffect, type MaybeRefOrGetter } from 'vue';

const APP_NAME = 'Parley';

/** "(3) Parley": the count goes first, so it still shows in a narrow tab. */
export function unreadTitle(total: number): string {
  return total > 0 ? `(${total}) ${APP_NAME}` : APP_NAME;
}

/**
 * Keeps the tab title on the total unread across `conversations` while the calling component (effect scope)
 * lives; the plain name comes back after.
 */
export function useUnreadTitle(conversations: MaybeRefOrGetter<readonly { unreadCount: number }[]>): void {
  const total = computed(() => toValue(conversations).reduce((sum, c) => sum + c.unreadCount, 0));
  watchEffect(() => {
    document.title = unreadTitle(total.value);
  });
  onScopeDispose(() => {
    document.title = APP_NAME;
  });
}
