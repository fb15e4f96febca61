import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryConversationStore } from '../memory/conversation.store';
import { createMemoryEventBus } from '../memory/event.bus';
import type { ConversationStore } from '../ports/conversation.store';
import type { EventBus } from '../ports/event.bus';
import type { ConversationEvent } from './event.model';
import { channels, createChannelBus } from './bus-channels';
import { createConversationFeeds, type ConversationFeeds } from './conversation-feeds';

// The gap delay is a timer: tests run on fake time and move it on themselves, so "not yet" and "now"
// are exact, not guesses about a busy machine. Bus delivery and store reads are promises, which
// every advance lets settle.
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** Lets delivered events and store reads settle without moving the clock. */
const settle = () => advance(0);
const ignore = { receive: () => undefined };

/** An in-process bus that counts live subscriptions and can simulate a reconnect. */
function countingBus() {
  const inner = createMemoryEventBus();
  const resync: (() => void)[] = [];
  const active = new Map<string, number>();
  let subscribes = 0;
  const bus: EventBus = {
    ...inner,
    async subscribe(channel, handler) {
      subscribes++;
      active.set(channel, (active.get(channel) ?? 0) + 1);
      const off = await inner.subscribe(channel, handler);
      return () => {
        active.set(channel, (active.get(channel) ?? 1) - 1);
        off();
      };
    },
    onResync: (cb) => void resync.push(cb),
  };
  return {
    bus,
    active: (channel: string) => active.get(channel) ?? 0,
    get subscribes() {
      return subscribes;
    },
    resync: () => resync.forEach((cb) => cb()),
  };
}

async function newConversation(store: ConversationStore): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.create(
    { id, kind: 'GROUP', title: 'T', description: null, createdAt: now, directKey: null },
    [],
    async () => undefined,
  );
  return id;
}

/** Commits `n` events to storage without publishing them. */
async function commit(store: ConversationStore, conversationId: string, n: number): Promise<ConversationEvent[]> {
  const res = await store.write(conversationId, async (tx) => {
    const out: ConversationEvent[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        await tx.appendEvent(() => ({
          type: 'ConversationUpdated',
          conversation: { ...tx.conversation },
        })),
      );
    }
    return out;
  });
  return res!.result;
}

describe('conversation feeds', () => {
  let feeds: ConversationFeeds;
  let store: ConversationStore;
  let counting: ReturnType<typeof countingBus>;
  const setup = (gapFillDelayMs = 40) => {
    store = createMemoryConversationStore();
    counting = countingBus();
    feeds = createConversationFeeds({ bus: createChannelBus(counting.bus), store, gapFillDelayMs });
  };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    feeds?.dispose();
    vi.useRealTimers();
  });

  const publish = (e: ConversationEvent) => counting.bus.publish(channels.conversation(e.conversationId).name, e);

  it('subscribes once per conversation however many listeners, and unsubscribes after the last', async () => {
    setup();
    const [a, b] = [await newConversation(store), await newConversation(store)];
    const listeners = Array.from({ length: 5 }, () => ({ receive: () => undefined }));
    await Promise.all(listeners.map((l) => feeds.attach(a, l)));
    await feeds.attach(a, listeners[0]!); // the same listener again: still one
    await feeds.attach(b, ignore);
    expect(counting.subscribes).toBe(2);
    expect(counting.active(channels.conversation(a).name)).toBe(1);
    expect(feeds.size).toBe(2);
    for (const l of listeners.slice(0, 4)) feeds.detach(a, l);
    feeds.detach(a, listeners[0]!); // detached already: nothing happens
    expect(counting.active(channels.conversation(a).name)).toBe(1);
    feeds.detach(a, listeners[4]!);
    expect(counting.active(channels.conversation(a).name)).toBe(0);
    expect(counting.active(channels.conversation(b).name)).toBe(1);
    expect(feeds.size).toBe(1);
    feeds.detach(b, ignore);
    expect(feeds.size).toBe(0);
    // Reopening subscribes again.
    await feeds.attach(a, ignore);
    feeds.detach(a, ignore);
    expect(counting.subscribes).toBe(3);
  });

  it('delivers each event to every listener once, and reports the head at attach', async () => {
    setup();
    const id = await newConversation(store);
    await commit(store, id, 2);
    const got1: number[] = [];
    const got2: number[] = [];
    expect(await feeds.attach(id, { receive: (e) => got1.push(e.seq) })).toBe(2);
    expect(await feeds.attach(id, { receive: (e) => got2.push(e.seq) })).toBe(2);
    for (const e of await commit(store, id, 2)) await publish(e);
    await settle();
    expect(got1).toEqual([3, 4]);
    expect(got2).toEqual([3, 4]);
  });

  it('puts events that arrive out of order back in seq order', async () => {
    setup(10_000);
    const id = await newConversation(store);
    const got: number[] = [];
    await feeds.attach(id, { receive: (e) => got.push(e.seq) });
    const events = await commit(store, id, 4);
    for (const i of [2, 0, 3, 1]) await publish(events[i]!);
    await settle();
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('fills a dropped event from storage after the gap delay', async () => {
    setup(60);
    const id = await newConversation(store);
    const got: number[] = [];
    await feeds.attach(id, { receive: (e) => got.push(e.seq) });
    const [e1, , e3] = await commit(store, id, 3);
    await publish(e1!);
    await publish(e3!);
    await advance(59);
    expect(got).toEqual([1]);
    await advance(1);
    expect(got).toEqual([1, 2, 3]);
    // And it carries on live afterwards.
    const [e4] = await commit(store, id, 1);
    await publish(e4!);
    await settle();
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('drops duplicates, from the bus and from local ingestion', async () => {
    setup();
    const id = await newConversation(store);
    const got: number[] = [];
    await feeds.attach(id, { receive: (e) => got.push(e.seq) });
    const [e1, e2] = await commit(store, id, 2);
    feeds.ingestLocal(e1!);
    await publish(e1!);
    await publish(e1!);
    feeds.ingestLocal(e2!);
    await publish(e2!);
    // Long past the gap delay: a duplicate taken for a gap would have been filled by now.
    await advance(1000);
    expect(got).toEqual([1, 2]);
  });

  it('catches up from storage when the bus reports a resync', async () => {
    setup(10_000);
    const id = await newConversation(store);
    const got: number[] = [];
    await feeds.attach(id, { receive: (e) => got.push(e.seq) });
    // Published while the bus was disconnected: never delivered.
    await commit(store, id, 3);
    await advance(1000);
    expect(got).toEqual([]);
    counting.resync();
    await settle();
    expect(got).toEqual([1, 2, 3]);
  });

  it('keeps a listener that throws from breaking delivery to others', async () => {
    const errors: unknown[] = [];
    store = createMemoryConversationStore();
    counting = countingBus();
    feeds = createConversationFeeds({ bus: createChannelBus(counting.bus), store, onError: (e) => errors.push(e) });
    const id = await newConversation(store);
    const got: number[] = [];
    await feeds.attach(id, {
      receive: () => {
        throw new Error('listener failed');
      },
    });
    await feeds.attach(id, { receive: (e) => got.push(e.seq) });
    const [e1] = await commit(store, id, 1);
    feeds.ingestLocal(e1!);
    expect(got).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('keeps a listener that attaches while the last one detaches live', async () => {
    setup();
    const id = await newConversation(store);
    await feeds.attach(id, ignore);
    const got: number[] = [];
    const attaching = feeds.attach(id, { receive: (e) => got.push(e.seq) });
    // The last listener leaves while the new one waits for the feed to be ready.
    feeds.detach(id, ignore);
    await attaching;
    expect(counting.active(channels.conversation(id).name)).toBe(1);
    const [e1] = await commit(store, id, 1);
    await publish(e1!);
    await settle();
    expect(got).toEqual([1]);
  });
});
