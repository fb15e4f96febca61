import { computed, onScopeDispose, toValue, watch, watchEffect, type MaybeRefOrGetter } from 'vue';
import type { NotificationLevel } from '../gql/graphql';
import { isMuted } from '../notifications/conversation.mute';
import { showFaviconBadge } from '../notifications/favicon.badge';
import { playMessageSound, soundEnabled } from '../notifications/notification.sound';

const APP_NAME = 'Parley';

/** "(3) Parley": the count goes first, so it still shows in a narrow tab. */
export function unreadTitle(total: number): string {
  return total > 0 ? `(${total}) ${APP_NAME}` : APP_NAME;
}

/** What the list gives: the counts and, for the sound, the viewer's level and mute. */
export interface UnreadSource {
  unreadCount: number;
  unreadMentionCount?: number;
  myMembership?: { notificationLevel?: NotificationLevel | null; mutedUntil?: string | null } | null;
}

/** The unread messages that may make a sound: none from muted conversations, only mentions where that is the level. */
export function audibleUnread(conversations: readonly UnreadSource[], now: Date = new Date()): number {
  let total = 0;
  for (const c of conversations) {
    const level = c.myMembership?.notificationLevel ?? 'ALL';
    if (isMuted(c.myMembership?.mutedUntil, now) || level === 'NONE') continue;
    total += level === 'MENTIONS' ? (c.unreadMentionCount ?? 0) : c.unreadCount;
  }
  return total;
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
export function useUnreadTitle(conversations: MaybeRefOrGetter<readonly UnreadSource[]>): void {
  const total = computed(() => toValue(conversations).reduce((sum, c) => sum + c.unreadCount, 0));
  const audible = computed(() => audibleUnread(toValue(conversations)));
  watchEffect(() => {
    document.title = unreadTitle(total.value);
    void showFaviconBadge(total.value);
  });
  watch(audible, (next, previous) => {
    if (shouldChime(previous, next, document.visibilityState === 'hidden', soundEnabled())) playMessageSound();
  });
  onScopeDispose(() => {
    document.title = APP_NAME;
    void showFaviconBadge(0);
  });
}
