import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationsQuery } from '../../src/event-log/event.documents';
import { added, conversation, left, ME, setup } from './event-log.fixtures';

const listed = ({ cache }: ReturnType<typeof setup>) =>
  cache.readQuery({ query: ConversationsQuery })?.conversations.conversations.map((c) => c.id);

describe('inbox feed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('subscribes, then fetches the list; after a reconnect it does both again, since it cannot resume', async () => {
    const h = setup();
    await h.log.startInbox();
    expect(h.server.state.requests).toEqual(['Conversations']);
    const [first] = h.wire.open('inbox');
    h.wire.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(first?.closed).toBe(true);
    expect(h.wire.open('inbox')).toHaveLength(1);
    expect(h.server.state.requests).toEqual(['Conversations', 'Conversations']);
  });

  it('fetches the list again, once, for a conversation it does not know and when members come and go', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    h.server.state.conversations = [conversation(1, 'c2'), conversation(3)];
    inbox?.sink.next({ ...added(1), conversationId: 'c2' });
    inbox?.sink.next(left(3, 'u3'));
    await vi.advanceTimersByTimeAsync(200);
    expect(h.server.state.requests).toEqual(['Conversations', 'Conversations']);
    expect(listed(h)).toEqual(['c2', 'c1']);
    inbox?.sink.next(added(4));
    await vi.advanceTimersByTimeAsync(200);
    expect(h.server.state.requests).toHaveLength(2);
  });

  it('drops a conversation the viewer left or was removed from', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    inbox?.sink.next(left(3, ME));
    expect(listed(h)).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.server.state.requests).toEqual(['Conversations']);
  });
});
