import { shallowRef, ref, type Ref } from 'vue';
import type { Subscription } from 'rxjs';
import { apollo, onReconnect } from '../apollo/apollo.client';
import { hasCode } from '../apollo/graphql-error';
import type { MessageItemFragment } from '../gql/graphql';
import { cacheGet, cachePut } from '../offline/offline.db';
import { ConversationEventsSubscription, MessagesQuery } from './chat.documents';

const PAGE_SIZE = 50;
const CACHED_MESSAGES = 100;

interface CachedTimeline {
  messages: MessageItemFragment[];
  appliedSeq: number;
  hasMoreBefore: boolean;
}

/**
 * The messages of one conversation as this client has applied them. `appliedSeq` is the highest
 * conversation event seq applied; events at or below it are duplicates and ignored, and every
 * (re)subscription resumes after it so nothing is missed across disconnects.
 */
export class Timeline {
  readonly messages: Ref<readonly MessageItemFragment[]> = shallowRef([]);
  readonly hasMoreBefore = ref(false);
  readonly loadingOlder = ref(false);
  readonly ready = ref(false);
  readonly error = ref<string | null>(null);
  appliedSeq = 0;
  private snapshotTaken = false;
  private subscription: Subscription | null = null;
  private opens = 0;
  private readonly listeners = new Set<(message: MessageItemFragment) => void>();

  constructor(readonly conversationId: string) {}

  /** Called for every message that arrives live (not from history). */
  onMessage(listener: (message: MessageItemFragment) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(): Promise<void> {
    this.opens++;
    if (this.opens > 1) return;
    if (!this.ready.value) {
      const cached = await cacheGet<CachedTimeline>(this.cacheKey());
      if (cached && !this.snapshotTaken) {
        this.messages.value = cached.messages;
        this.appliedSeq = cached.appliedSeq;
        this.hasMoreBefore.value = cached.hasMoreBefore;
        this.ready.value = true;
      }
    }
    await this.sync();
  }

  close(): void {
    this.opens = Math.max(0, this.opens - 1);
    if (this.opens === 0) this.unsubscribe();
  }

  get isOpen(): boolean {
    return this.opens > 0;
  }

  /** Fetches a snapshot when there is none yet, then (re)subscribes after the last applied seq. */
  async sync(): Promise<void> {
    if (!this.isOpen) return;
    if (!this.snapshotTaken && this.appliedSeq === 0) {
      const ok = await this.fetchLatest();
      if (!ok) return;
    }
    this.subscribe();
  }

  async fetchLatest(): Promise<boolean> {
    try {
      const { data } = await apollo.query({
        query: MessagesQuery,
        variables: { conversationId: this.conversationId, limit: PAGE_SIZE },
        fetchPolicy: 'no-cache',
      });
      if (!data) return false;
      const page = data.messages;
      this.messages.value = page.messages;
      this.hasMoreBefore.value = page.hasMoreBefore;
      this.appliedSeq = page.messages.reduce((max, m) => Math.max(max, m.seq), 0);
      this.snapshotTaken = true;
      this.ready.value = true;
      this.error.value = null;
      void this.persist();
      return true;
    } catch (error) {
      if (hasCode(error, 'NOT_FOUND') || hasCode(error, 'FORBIDDEN'))
        this.error.value = 'This conversation is not available.';
      return false;
    }
  }

  async loadOlder(): Promise<void> {
    if (this.loadingOlder.value || !this.hasMoreBefore.value) return;
    const oldest = this.messages.value[0];
    if (!oldest) return;
    this.loadingOlder.value = true;
    try {
      const { data } = await apollo.query({
        query: MessagesQuery,
        variables: { conversationId: this.conversationId, beforeSeq: oldest.seq, limit: PAGE_SIZE },
        fetchPolicy: 'no-cache',
      });
      if (data) {
        const known = new Set(this.messages.value.map((m) => m.id));
        const older = data.messages.messages.filter((m) => !known.has(m.id));
        this.messages.value = [...older, ...this.messages.value];
        this.hasMoreBefore.value = data.messages.hasMoreBefore;
      }
    } catch {
      // Offline: the user can scroll up again later.
    } finally {
      this.loadingOlder.value = false;
    }
  }

  /** Inserts the server's answer to our own send; the matching event is then ignored as a duplicate by id. */
  addSent(message: MessageItemFragment): void {
    this.upsert(message);
  }

  applyEvent(event: { __typename?: string; seq: number; message?: MessageItemFragment }): void {
    if (event.seq <= this.appliedSeq) return;
    this.appliedSeq = event.seq;
    if (event.message) {
      const isNew = !this.messages.value.some((m) => m.id === event.message?.id);
      this.upsert(event.message);
      if (isNew && event.__typename === 'MessageAdded')
        this.listeners.forEach((l) => event.message && l(event.message));
    }
    void this.persist();
  }

  private upsert(message: MessageItemFragment): void {
    const list = this.messages.value;
    const index = list.findIndex((m) => m.id === message.id);
    if (index >= 0) {
      this.messages.value = list.map((m, i) => (i === index ? message : m));
      return;
    }
    const next = [...list];
    let at = next.length;
    while (at > 0 && (next[at - 1]?.seq ?? 0) > message.seq) at--;
    next.splice(at, 0, message);
    this.messages.value = next;
  }

  private subscribe(): void {
    this.unsubscribe();
    const observable = apollo.subscribe({
      query: ConversationEventsSubscription,
      variables: { conversationId: this.conversationId, afterSeq: this.appliedSeq },
    });
    const handleError = (error: unknown): void => {
      if (hasCode(error, 'RESYNC_REQUIRED')) {
        void this.resync();
      } else {
        this.error.value =
          hasCode(error, 'FORBIDDEN') || hasCode(error, 'NOT_FOUND')
            ? 'You are no longer a member of this conversation.'
            : null;
      }
    };
    this.subscription = observable.subscribe({
      next: (result) => {
        if (result.error) return handleError(result.error);
        const event = result.data?.conversationEvents;
        if (event) this.applyEvent(event as Parameters<Timeline['applyEvent']>[0]);
      },
      error: handleError,
    });
  }

  private async resync(): Promise<void> {
    this.unsubscribe();
    this.snapshotTaken = false;
    this.appliedSeq = 0;
    if (await this.fetchLatest()) this.subscribe();
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private cacheKey(): string {
    return `timeline:${this.conversationId}`;
  }

  private async persist(): Promise<void> {
    const messages = this.messages.value.slice(-CACHED_MESSAGES);
    await cachePut(this.cacheKey(), {
      messages,
      appliedSeq: this.appliedSeq,
      hasMoreBefore: this.hasMoreBefore.value || messages.length < this.messages.value.length,
    } satisfies CachedTimeline);
  }
}

const timelines = new Map<string, Timeline>();

export function timelineFor(conversationId: string): Timeline {
  let timeline = timelines.get(conversationId);
  if (!timeline) {
    timeline = new Timeline(conversationId);
    timelines.set(conversationId, timeline);
  }
  return timeline;
}

export function resetTimelines(): void {
  timelines.forEach((t) => t.close());
  timelines.clear();
}

onReconnect(() => {
  timelines.forEach((timeline) => {
    if (timeline.isOpen) void timeline.sync();
  });
});
