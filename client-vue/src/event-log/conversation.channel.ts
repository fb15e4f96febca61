import { ref, type Ref } from 'vue';
import { hasCode } from '../apollo/graphql-error';
import type { ConversationEvent, EventTransport } from './event.transport';

export interface ChannelListener {
  /** An event of this conversation, called once per seq, after it is in the cache. */
  event?(event: ConversationEvent): void;
  /** The conversation was too far behind to replay and a new snapshot was taken: refetch what you show. */
  resync?(): void;
}

export interface ChannelHooks {
  transport: EventTransport;
  /** Fetches the newest page of messages into the cache; resolves to the seq it reflects. */
  snapshot(conversationId: string): Promise<number>;
  /** Applies an event this channel's subscription delivered (the event log dedups and writes it). */
  accept(event: ConversationEvent): void;
}

/**
 * One conversation in the event log. `appliedSeq` is the highest seq whose event is in the cache, with every
 * one before it: events at or below it are duplicates. While anybody has the channel open it keeps one
 * subscription that replays from `appliedSeq`, after every reconnect too.
 */
export class ConversationChannel {
  /** Null until a snapshot has been taken. */
  appliedSeq: number | null = null;
  readonly error: Ref<string | null> = ref(null);
  /** The viewer's own MemberLeft came through: nothing more will, until they are added again. */
  readonly removed: Ref<boolean> = ref(false);
  private readonly listeners = new Set<ChannelListener>();
  private opens = 0;
  private stop: (() => void) | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private resyncing = false;

  constructor(
    readonly conversationId: string,
    private readonly hooks: ChannelHooks,
  ) {}

  get isOpen(): boolean {
    return this.opens > 0;
  }

  /** Follows the conversation until the returned function is called. */
  open(listener: ChannelListener = {}): () => void {
    this.listeners.add(listener);
    this.opens++;
    if (this.opens === 1) void this.sync();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.listeners.delete(listener);
      this.opens--;
      if (this.opens === 0) this.unsubscribe();
    };
  }

  /** Takes a snapshot when there is none, then (re)subscribes after `appliedSeq`. Calls overlap into one more pass. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = this.runSync().finally(() => {
      this.syncing = null;
      // A call that came after the last pass checked `again`, but before this settled, still gets its pass.
      if (this.again) void this.sync();
    });
    return this.syncing;
  }

  /** Records an applied event and tells the listeners. */
  applied(event: ConversationEvent): void {
    this.appliedSeq = event.seq;
    this.listeners.forEach((listener) => listener.event?.(event));
  }

  /** The viewer left or was removed: the server ends the subscription, and a new one would be refused. */
  markRemoved(): void {
    this.removed.value = true;
    this.unsubscribe();
  }

  /**
   * The viewer was added back. What happened while they were out is not theirs to replay, so the window starts
   * again from a snapshot.
   */
  markRejoined(): void {
    if (!this.removed.value) return;
    this.removed.value = false;
    this.appliedSeq = null;
    void this.sync();
  }

  /** Stops following, whoever has it open (logging out). */
  close(): void {
    this.listeners.clear();
    this.opens = 0;
    this.unsubscribe();
  }

  private async runSync(): Promise<void> {
    do {
      this.again = false;
      if (!this.isOpen || this.removed.value) return;
      // One snapshot at a time: two in flight could leave the cursor ahead of the window.
      if (this.appliedSeq === null) {
        const seq = await this.takeSnapshot();
        if (seq === null) continue;
        this.appliedSeq = seq;
        if (this.resyncing) this.listeners.forEach((listener) => listener.resync?.());
        this.resyncing = false;
      }
      if (this.isOpen) this.subscribe();
    } while (this.again);
  }

  private async takeSnapshot(): Promise<number | null> {
    try {
      const seq = await this.hooks.snapshot(this.conversationId);
      this.error.value = null;
      return seq;
    } catch (error) {
      // Offline: the next reconnect tries again.
      if (hasCode(error, 'NOT_FOUND') || hasCode(error, 'FORBIDDEN'))
        this.error.value = 'This conversation is not available.';
      return null;
    }
  }

  private subscribe(): void {
    this.unsubscribe();
    const source = { conversationId: this.conversationId, afterSeq: this.appliedSeq ?? 0 };
    this.stop = this.hooks.transport.subscribe(source, {
      next: (event) => this.hooks.accept(event),
      error: (error) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    if (hasCode(error, 'RESYNC_REQUIRED')) {
      this.resync();
      return;
    }
    this.error.value =
      hasCode(error, 'FORBIDDEN') || hasCode(error, 'NOT_FOUND')
        ? 'You are no longer a member of this conversation.'
        : null;
  }

  /** Too far behind to replay: a new snapshot (the listeners refetch theirs), then a new subscription. */
  private resync(): void {
    this.unsubscribe();
    this.appliedSeq = null;
    this.resyncing = true;
    void this.sync();
  }

  private unsubscribe(): void {
    this.stop?.();
    this.stop = null;
  }
}
