import { computed, shallowRef } from 'vue';
import type { Subscription } from 'rxjs';
import { apollo } from '../apollo/apollo.client';
import { addToList, clearUnread, removeFromList } from '../event-log/event.cache';
import { ConversationsQuery } from '../event-log/event.documents';
import type { ConversationListItemFragment } from '../gql/graphql';
import { chatLog } from './chat.log';

function activityOf(c: ConversationListItemFragment): string {
  const last = c.lastMessage?.createdAt;
  return last && last > c.lastActivityAt ? last : c.lastActivityAt;
}

function byActivity(a: ConversationListItemFragment, b: ConversationListItemFragment): number {
  return activityOf(b).localeCompare(activityOf(a));
}

/** The conversation list as the cache holds it, newest activity first; the event log keeps it current. */
class Inbox {
  private readonly list = shallowRef<readonly ConversationListItemFragment[] | null>(null);
  readonly conversations = computed(() => [...(this.list.value ?? [])].sort(byActivity));
  readonly loaded = computed(() => this.list.value !== null);
  /** The conversation on screen: its messages count as read as they arrive. */
  readonly activeId = chatLog.active;
  private watching: Subscription | null = null;

  /** Shows the list the cache holds (restored when offline) and follows every conversation. */
  async start(): Promise<void> {
    this.watching ??= apollo
      .watchQuery({ query: ConversationsQuery, fetchPolicy: 'cache-only' })
      .subscribe((result) => {
        if (result.dataState === 'complete') this.list.value = result.data.conversations.conversations;
      });
    await chatLog.startInbox();
  }

  stop(): void {
    this.watching?.unsubscribe();
    this.watching = null;
    this.list.value = null;
  }

  find(id: string): ConversationListItemFragment | undefined {
    return this.list.value?.find((c) => c.id === id);
  }

  upsert(conversation: ConversationListItemFragment): void {
    addToList(apollo.cache, conversation);
  }

  remove(id: string): void {
    removeFromList(apollo.cache, id);
  }

  markReadLocally(id: string): void {
    clearUnread(apollo.cache, id);
  }
}

export const inbox = new Inbox();
