import { channels, type ChannelBus } from './bus-channels';
import type { ConversationStore } from '../ports/conversation.store';
import type { ConversationEvent } from './event.model';

/**
 * Receives a conversation's events in seq order, each once. An object, not a function: a listener
 * that is already an object (a subscription's stream) then needs no closure of its own.
 */
export interface FeedListener {
  receive(event: ConversationEvent): void;
}

interface Feed {
  listeners: Set<FeedListener>;
  /** Next seq to deliver. */
  next: number;
  /** Events that arrived ahead of a gap, by seq. */
  pending: Map<number, ConversationEvent>;
  gapTimer: NodeJS.Timeout | null;
  unsubscribe: () => void;
  ready: Promise<void>;
}

/** Settings of {@link createConversationFeeds}. */
export interface ConversationFeedsOptions {
  bus: ChannelBus;
  store: ConversationStore;
  /** How long to wait for a missing seq before reading it from storage. @default 150 */
  gapFillDelayMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * One feed per conversation per node: it subscribes to the conversation's channel once, however many
 * local listeners there are, puts events in seq order, fills gaps from storage and delivers each
 * event to every listener. Work per event is done here once, not per listener.
 */
export function createConversationFeeds(o: ConversationFeedsOptions) {
  const feeds = new Map<string, Feed>();
  const gapDelay = o.gapFillDelayMs ?? 150;
  const onError = o.onError ?? (() => undefined);

  function deliver(feed: Feed, event: ConversationEvent): void {
    for (const l of feed.listeners) {
      try {
        l.receive(event);
      } catch (err) {
        onError(err);
      }
    }
  }

  function ingest(feed: Feed, event: ConversationEvent): void {
    if (event.seq < feed.next || feed.pending.has(event.seq)) return;
    feed.pending.set(event.seq, event);
    drain(feed);
  }

  function drain(feed: Feed): void {
    for (let e = feed.pending.get(feed.next); e; e = feed.pending.get(feed.next)) {
      feed.pending.delete(feed.next);
      feed.next++;
      deliver(feed, e);
    }
    if (feed.pending.size > 0 && !feed.gapTimer) {
      feed.gapTimer = setTimeout(() => void fillGap(feed), gapDelay);
    } else if (feed.pending.size === 0 && feed.gapTimer) {
      clearTimeout(feed.gapTimer);
      feed.gapTimer = null;
    }
  }

  async function catchUp(conversationId: string, feed: Feed): Promise<void> {
    for (;;) {
      const missing = await o.store.eventsAfter(conversationId, feed.next - 1, 500);
      for (const e of missing) ingest(feed, e);
      if (missing.length < 500 || feeds.get(conversationId) !== feed) return;
    }
  }

  async function fillGap(feed: Feed): Promise<void> {
    feed.gapTimer = null;
    const first = feed.pending.values().next().value;
    if (!first) return;
    try {
      await catchUp(first.conversationId, feed);
    } catch (err) {
      onError(err);
    }
    // The last listener may have left meanwhile; a closed feed must not arm its timer again.
    if (feeds.get(first.conversationId) === feed) drain(feed);
  }

  o.bus.onResync(() => {
    for (const [id, feed] of feeds) void feed.ready.then(() => catchUp(id, feed)).catch(onError);
  });

  async function open(conversationId: string): Promise<Feed> {
    const feed: Feed = {
      listeners: new Set(),
      next: Number.POSITIVE_INFINITY,
      pending: new Map(),
      gapTimer: null,
      unsubscribe: () => undefined,
      ready: Promise.resolve(),
    };
    feeds.set(conversationId, feed);
    feed.ready = (async () => {
      // Subscribe before reading the head, so nothing committed in between is missed.
      const early: ConversationEvent[] = [];
      let live = false;
      feed.unsubscribe = await o.bus.subscribe(channels.conversation(conversationId), (event) => {
        if (live) ingest(feed, event);
        else early.push(event);
      });
      const [conversation] = await o.store.getConversations([conversationId]);
      feed.next = (conversation?.lastSeq ?? 0) + 1;
      live = true;
      for (const e of early) ingest(feed, e);
    })();
    try {
      await feed.ready;
    } catch (err) {
      feeds.delete(conversationId);
      feed.unsubscribe();
      throw err;
    }
    return feed;
  }

  return {
    /**
     * Adds a listener to the conversation's feed (once: the same object twice is one listener),
     * opening the feed on first use. Returns the head: the seq of the last event this node had
     * delivered, so events above it will reach the listener and earlier ones are in storage.
     */
    async attach(conversationId: string, listener: FeedListener): Promise<number> {
      let feed: Feed;
      for (;;) {
        const existing = feeds.get(conversationId);
        feed = existing ?? (await open(conversationId));
        if (existing) await existing.ready;
        // The last listener may have detached while we waited, closing this feed: open a new one.
        if (feeds.get(conversationId) === feed) break;
      }
      feed.listeners.add(listener);
      return feed.next - 1;
    },

    /**
     * Takes a listener off the conversation's feed, closing the feed after its last one. A feed
     * closes only without listeners, so one holding `listener` is the conversation's current feed.
     */
    detach(conversationId: string, listener: FeedListener): void {
      const feed = feeds.get(conversationId);
      if (!feed?.listeners.delete(listener) || feed.listeners.size > 0) return;
      feeds.delete(conversationId);
      if (feed.gapTimer) clearTimeout(feed.gapTimer);
      feed.unsubscribe();
    },

    /** Hands an event committed on this node straight to local listeners, ahead of the bus echo. */
    ingestLocal(event: ConversationEvent): void {
      const feed = feeds.get(event.conversationId);
      if (feed && Number.isFinite(feed.next)) ingest(feed, event);
    },

    /** Number of open feeds (one bus subscription each). */
    get size(): number {
      return feeds.size;
    },

    dispose(): void {
      for (const feed of feeds.values()) {
        if (feed.gapTimer) clearTimeout(feed.gapTimer);
        feed.unsubscribe();
      }
      feeds.clear();
    },
  };
}

/** The per-node feed registry. */
export type ConversationFeeds = ReturnType<typeof createConversationFeeds>;
