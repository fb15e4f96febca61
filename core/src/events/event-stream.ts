import type { ConversationStore } from '../ports/conversation.store';
import type { ConversationEvent } from './event.model';
import type { ConversationFeeds, FeedListener } from './conversation-feeds';
import { ResyncRequiredError } from '../shared/errors';
import { PushStream } from '../shared/push-stream';
import { SmallMap } from '../shared/small-map';

/** Settings shared by conversation and inbox streams. */
export interface StreamDeps {
  feeds: ConversationFeeds;
  store: ConversationStore;
  /** Most events replayed before the client is told to refetch. @default 1000 */
  replayLimit: number;
}

const PAGE = 200;
// One function for every stream without a close callback, instead of a closure made per stream.
const nothing = (): void => undefined;

/**
 * Turns one or more conversation feeds into one async iterator of events for one viewer: replays
 * from storage after a cursor, then goes live, with each conversation's events gap-free, in seq
 * order and once each. After the viewer's own MemberLeft in a conversation nothing more of it is
 * sent; `onLeft` decides whether the whole stream ends. The stream is the push stream its consumer
 * reads and the listener of its feeds itself: a subscription keeps one object, not three and
 * their closures.
 */
export class EventStream extends PushStream<ConversationEvent> implements FeedListener {
  // Most streams follow one conversation, so a SmallMap: an idle subscription keeps it for good.
  // `live`: events that came from the feed during the replay, sent after it (null once live).
  private readonly cursors = new SmallMap<string, { seq: number; live: ConversationEvent[] | null }>();
  /** No more events are taken: the stream was closed, or the viewer left in `end` mode. */
  private ended = false;
  /** Gap fills, one after another; none until the first gap. */
  private pumping: Promise<void> | undefined = undefined;

  constructor(
    private readonly deps: StreamDeps,
    private readonly viewerId: string,
    private readonly onLeft: 'end' | 'drop',
    onClose: () => void = nothing,
  ) {
    super(onClose);
  }

  protected override closed(): void {
    this.ended = true;
    for (const [id] of this.cursors.entries()) this.unfollow(id);
    super.closed();
  }

  /**
   * Starts following a conversation. With `afterSeq`, stored events after it are replayed first;
   * without, only events after the current head are sent. `check` runs after the feed is attached
   * (so a removal racing with it is still seen as an event) and may throw to refuse.
   */
  async follow(conversationId: string, afterSeq: number | null, check?: () => Promise<void>): Promise<void> {
    if (this.ended || this.cursors.has(conversationId)) return;
    const cursor = { seq: 0, live: [] as ConversationEvent[] | null };
    this.cursors.set(conversationId, cursor);
    try {
      const head = await this.deps.feeds.attach(conversationId, this);
      if (this.cursors.get(conversationId) !== cursor) {
        // Unfollowed (or closed) while attaching, so its detach came first: detach now, unless a
        // new follow of the conversation holds the listener (the stream is one listener per feed).
        if (!this.cursors.has(conversationId)) this.deps.feeds.detach(conversationId, this);
        return;
      }
      await check?.();
      const from = afterSeq ?? head;
      if (head - from > this.deps.replayLimit) throw new ResyncRequiredError();
      cursor.seq = Math.min(from, head);
      await this.replay(conversationId, head);
      // Events that arrived live during the replay, in feed order; duplicates are dropped by seq.
      const buffered = cursor.live ?? [];
      cursor.live = null;
      for (const e of buffered) this.accept(conversationId, e);
    } catch (err) {
      if (this.cursors.get(conversationId) === cursor) this.unfollow(conversationId);
      throw err;
    }
  }

  /** Stops following a conversation. */
  unfollow(conversationId: string): void {
    this.deps.feeds.detach(conversationId, this);
    this.cursors.delete(conversationId);
  }

  private async replay(conversationId: string, upTo: number): Promise<void> {
    const cursor = this.cursors.get(conversationId);
    // Stop once unfollowed: the viewer's own MemberLeft was in the replay, and the cursor no longer moves.
    while (cursor && this.cursors.get(conversationId) === cursor && cursor.seq < upTo && !this.ended) {
      const page = await this.deps.store.eventsAfter(conversationId, cursor.seq, Math.min(PAGE, upTo - cursor.seq));
      if (page.length === 0) break;
      for (const e of page) this.accept(conversationId, e);
    }
  }

  /** An event of a followed conversation's feed (see {@link FeedListener}). */
  receive(event: ConversationEvent): void {
    const cursor = this.cursors.get(event.conversationId);
    if (!cursor) return;
    if (cursor.live) cursor.live.push(event);
    else this.accept(event.conversationId, event, cursor);
  }

  /** `cursor`: the conversation's current cursor, when the caller has just looked it up. */
  private accept(conversationId: string, event: ConversationEvent, cursor = this.cursors.get(conversationId)): void {
    if (!cursor || this.ended || event.seq <= cursor.seq) return;
    if (event.seq > cursor.seq + 1) {
      // The feed delivers gap-free from the head, so a hole here is between replay and live: fill it.
      const until = event.seq;
      const from = cursor.seq;
      cursor.live = [event];
      this.pumping = (this.pumping ?? Promise.resolve())
        .then(async () => {
          const missing = await this.deps.store.eventsAfter(conversationId, from, until - from - 1);
          const held = cursor.live ?? [];
          cursor.live = null;
          for (const e of [...missing, ...held]) this.accept(conversationId, e);
        })
        .catch((err: unknown) => this.fail(err));
      return;
    }
    cursor.seq = event.seq;
    this.push(event);
    if (event.type === 'MemberLeft' && event.userId === this.viewerId) {
      this.unfollow(conversationId);
      if (this.onLeft === 'end') {
        this.ended = true;
        this.end();
      }
    }
  }

  /** The last seq sent of each conversation followed. */
  positions(): Map<string, number> {
    return new Map(this.cursors.entries().map(([id, c]) => [id, c.seq]));
  }
}
