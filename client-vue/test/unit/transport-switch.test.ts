import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/event-log/event.log';
import { MessagesQuery } from '../../src/event-log/event.documents';
import type { ConversationEvent } from '../../src/event-log/event.transport';
import { switchingTransport } from '../../src/event-log/switching.transport';
import { added, fakeServer, fakeTransport, ME } from './event-log.fixtures';

describe('switching transports under the event log', () => {
  it('moves every subscription to the new transport; the conversation resumes from its applied seq, each event once', async () => {
    const server = fakeServer();
    const [sse, poll] = [fakeTransport(), fakeTransport()];
    let current = sse;
    // The switch is announced like a reconnect (the app's onReconnect fires on both).
    const transport = switchingTransport(() => current.transport, sse.transport.onReconnect);
    const log = new EventLog({ client: server.client, cache: server.cache, transport, me: () => ME });
    await log.startInbox();
    const heard: ConversationEvent[] = [];
    const subscribed = sse.next();
    log.open('c1', { event: (event) => heard.push(event) });
    const channel = await subscribed;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [inbox] = sse.open('inbox');

    channel.sink.next(added(3));
    inbox?.sink.next(added(3));
    current = poll;
    sse.reconnect();

    expect(sse.open('inbox')).toEqual([]);
    expect(sse.open('conversation')).toEqual([]);
    expect(poll.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 3 }]);
    expect(poll.open('inbox')).toHaveLength(1);
    // The new transport overlaps the old one: what was already applied is dropped.
    const [newChannel] = poll.open('conversation');
    for (const seq of [3, 4]) newChannel?.sink.next(added(seq));
    poll.open('inbox')[0]?.sink.next(added(4));

    const window = server.cache.readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } });
    expect(window?.messages.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(heard.map((e) => e.seq)).toEqual([3, 4]);
    // No new snapshot of the messages; the inbox, which cannot resume, fetched the list again.
    expect(server.state.requests.filter((r) => r === 'Messages')).toHaveLength(1);
    expect(server.state.requests.filter((r) => r === 'Conversations')).toHaveLength(2);
  });
});
