import { computed, onScopeDispose, toValue, watch, watchEffect, type MaybeRefOrGetter } from 'vue';
import { showFaviconBadge } from '../notifications/favicon.badge';
import { playMessageSound, soundEnabled } from '../notifications/notification.sound';

const APP_NAME = 'Parley';

/** "(3) Parley": the count goes first, so it still shows in a narrow tab. */
export function unreadTitle(total: number): string {
  return total > 0 ? `(${total}) ${APP_NAME}` : APP_NAME;
}

/** A sound only when the unread total grew while nobody looks at the tab, and the user asked for it. */
export function shouldChime(previous: number, next: number, hidden: boolean, enabled: boolean): boolean {
  return enabled && hidden && next > previous;
}

/**
 * Keeps the tab title and the favicon badge on the total unread across `conversations` while the calling component
 * (effect scope) lives, and chimes for new unread messages in a background tab; the plain name and icon come back
 * after.
 */
export function useUnreadTitle(conversations: MaybeRefOrGetter<readonly { unreadCount: number }[]>): void {
  const total = computed(() => toValue(conversations).reduce((sum, c) => sum + c.unreadCount, 0));
  watchEffect(() => {
    document.title = unreadTitle(total.value);
    void showFaviconBadge(total.value);
  });
  watch(total, (next, previous) => {
    if (shouldChime(previous, next, document.visibilityState === 'hidden', soundEnabled())) playMessageSound();
  });
  onScopeDispose(() => {
    document.title = APP_NAME;
    void showFaviconBadge(0);
  });
}
