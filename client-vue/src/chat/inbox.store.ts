import { ref, shallowRef, type Ref } from 'vue';
import type { Subscription } from 'rxjs';
import { apollo, onReconnect } from '../apollo/apollo.client';
import type { ConversationListItemFragment, MessageItemFragment } from '../gql/graphql';
import { cacheGet, cachePut } from '../offline/offline.db';
import { presence } from '../presence/presence.store';
import { currentUserId } from '../session/session.store';
import { ConversationsQuery, InboxEventsSubscription } from './inbox.documents';

const CACHE_KEY = 'inbox';

function byActivity(a: ConversationListItemFragment, b: ConversationListItemFragment): number {
  return activityOf(b).localeCompare(activityOf(a));
}

function activityOf(c: ConversationListItemFragment): string {
  const last = c.lastMessage?.createdAt;
  return last && last > c.lastActivityAt ? last : c.lastActivityAt;
}

/** Query snapshots carry presence; cached or locally patched copies may be stale, so only these seed it. */
export function seedPresence(conversation: ConversationListItemFragment): void {
  conversation.members.forEach((m) => presence.seed(m.user.id, m.user.presence));
}

/** The conversation list: a snapshot kept current by `inboxEvents`, cached for offline starts. */
class Inbox {
  readonly conversations: Ref<readonly ConversationListItemFragment[]> = shallowRef([]);
  readonly loaded = ref(false);
  readonly fromCache = ref(false);
  /** The conversation on screen: its messages count as read as they arrive. */
  readonly activeId = ref<string | null>(null);
  private subscription: Subscription | null = null;
  private started = false;
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const cached = await cacheGet<ConversationListItemFragment[]>(CACHE_KEY);
    if (cached && !this.loaded.value) {
      this.conversations.value = cached;
      this.loaded.value = true;
      this.fromCache.value = true;
    }
    this.subscribe();
    await this.refetch();
    onReconnect(() => {
      this.subscribe();
      void this.refetch();
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.started = false;
    this.conversations.value = [];
    this.loaded.value = false;
  }

  async refetch(): Promise<void> {
    try {
      const { data } = await apollo.query({ query: ConversationsQuery, fetchPolicy: 'no-cache' });
      if (!data) return;
      data.conversations.conversations.forEach(seedPresence);
      this.set(
        data.conversations.conversations.map((c) => (c.id === this.activeId.value ? { ...c, unreadCount: 0 } : c)),
      );
      this.fromCache.value = false;
    } catch {
      // Offline: keep showing the cached list.
    }
  }

  find(id: string): ConversationListItemFragment | undefined {
    return this.conversations.value.find((c) => c.id === id);
  }

  upsert(conversation: ConversationListItemFragment): void {
    const rest = this.conversations.value.filter((c) => c.id !== conversation.id);
    this.set([conversation, ...rest]);
  }

  remove(id: string): void {
    this.set(this.conversations.value.filter((c) => c.id !== id));
  }

  markReadLocally(id: string): void {
    const conversation = this.find(id);
    if (conversation && conversation.unreadCount > 0) this.replace({ ...conversation, unreadCount: 0 });
  }

  noteMessage(message: MessageItemFragment): void {
    const conversation = this.find(message.conversationId);
    if (!conversation) {
      this.scheduleRefetch();
      return;
    }
    if (conversation.lastMessage && conversation.lastMessage.seq >= message.seq) return;
    const fromOther = message.sender?.id !== currentUserId();
    const unread =
      fromOther && this.activeId.value !== message.conversationId
        ? conversation.unreadCount + 1
        : conversation.unreadCount;
    this.replace({
      ...conversation,
      lastSeq: Math.max(conversation.lastSeq, message.seq),
      unreadCount: unread,
      lastMessage: {
        id: message.id,
        seq: message.seq,
        text: message.text,
        kind: message.kind,
        createdAt: message.createdAt,
        sender: message.sender ? { id: message.sender.id, displayName: message.sender.displayName } : null,
      },
    });
  }

  private replace(conversation: ConversationListItemFragment): void {
    this.set(this.conversations.value.map((c) => (c.id === conversation.id ? conversation : c)));
  }

  private set(list: ConversationListItemFragment[]): void {
    this.conversations.value = [...list].sort(byActivity);
    this.loaded.value = true;
    void cachePut(CACHE_KEY, this.conversations.value);
  }

  private scheduleRefetch(): void {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.refetch();
    }, 150);
  }

  private subscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = apollo.subscribe({ query: InboxEventsSubscription }).subscribe({
      next: ({ data }) => {
        const event = data?.inboxEvents;
        if (!event) return;
        switch (event.__typename) {
          case 'MessageAdded':
            this.noteMessage(event.message);
            break;
          case 'MemberLeft':
            if (event.user.id === currentUserId()) this.remove(event.conversationId);
            else this.scheduleRefetch();
            break;
          case 'ConversationUpdated': {
            seedPresence(event.conversation);
            const existing = this.find(event.conversationId);
            if (existing) this.replace({ ...event.conversation, unreadCount: existing.unreadCount });
            else this.scheduleRefetch();
            break;
          }
          default:
            this.scheduleRefetch();
        }
      },
    });
  }
}

export const inbox = new Inbox();
