import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '../adapters/memory/event.bus';
import type { ConversationStore } from '../ports/conversation.store';
import type { ConversationEvent } from './chat.model';
import { conversationChannel, createConversationFeeds } from './conversation-feeds';

const CONV = '00000000-0000-4000-8000-000000000001';
const store = {
  getConversations: async () => [{ id: CONV, lastSeq: 0 }],
  eventsAfter: async () => [],
} as unknown as ConversationStore;
const event = (seq: number) =>
  ({ type: 'MemberLeft', userId: 'x', user: null, conversationId: CONV, seq, createdAt: '' }) as ConversationEvent;

describe('conversation feeds', () => {
  it('a listener attaching while the last one detaches still receives live events', async () => {
    const bus = createMemoryEventBus();
    const feeds = createConversationFeeds({ bus, store });
    const first = await feeds.attach(CONV, () => undefined);
    const got: number[] = [];
    const attaching = feeds.attach(CONV, (e) => got.push(e.seq));
    first.detach();
    await attaching;
    await bus.publish(conversationChannel(CONV), event(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([1]);
    expect(feeds.size).toBe(1);
    feeds.dispose();
  });
});
