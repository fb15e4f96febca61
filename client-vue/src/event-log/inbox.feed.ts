import type { ConversationEvent, EventTransport } from './event.transport';

export interface InboxHooks {
  transport: EventTransport;
  /** Fetches the conversation list into the cache. */
  snapshot(): Promise<void>;
  /** Applies an event (the event log dedups and writes it); false when its conversation is not in the cache. */
  accept(event: ConversationEvent): boolean;
  /** Drops a conversation the viewer left or was removed from. */
  left(conversationId: string): void;
  me(): string | null;
}

/** How long membership changes wait for more before the list is fetched again. */
const REFETCH_DELAY_MS = 150;

/**
 * `inboxEvents`: every conversation of the viewer, live only. It cannot resume, so after a reconnect it
 * subscribes again and refetches the list; changes it cannot apply (a conversation it has not seen, members
 * coming and going) refetch the list too.
 */
export class InboxFeed {
  private stop: (() => void) | null = null;
  private stopReconnect: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly hooks: InboxHooks) {}

  get started(): boolean {
    return this.stopReconnect !== null;
  }

  /** Subscribes, then fetches the list; resolves when the list is fetched or could not be. */
  async start(): Promise<void> {
    if (this.started) return;
    this.stopReconnect = this.hooks.transport.onReconnect(() => {
      this.subscribe();
      void this.refetch();
    });
    this.subscribe();
    await this.refetch();
  }

  /** Stops following (logging out). */
  close(): void {
    this.stop?.();
    this.stop = null;
    this.stopReconnect?.();
    this.stopReconnect = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Fetches the conversation list again; offline, the cached list stays. */
  async refetch(): Promise<void> {
    try {
      await this.hooks.snapshot();
    } catch {
      // Offline: the cached list stays.
    }
  }

  private subscribe(): void {
    this.stop?.();
    this.stop = this.hooks.transport.subscribe('inbox', {
      next: (event) => this.receive(event),
      error: () => undefined,
    });
  }

  private receive(event: ConversationEvent): void {
    const known = this.hooks.accept(event);
    if (event.__typename === 'MemberLeft' && event.user.id === this.hooks.me()) this.hooks.left(event.conversationId);
    else if (!known || event.__typename === 'MemberJoined' || event.__typename === 'MemberLeft') this.refetchSoon();
  }

  private refetchSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refetch();
    }, REFETCH_DELAY_MS);
  }
}
