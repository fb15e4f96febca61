import { describe, expect, it } from 'vitest';
import { ConversationsQuery, MessagesQuery } from '../../src/event-log/event.documents';
import type { ConversationEvent } from '../../src/event-log/event.transport';
import { ConversationListItemFragmentDoc } from '../../src/gql/graphql';
import { added, message, ME, resyncRequired, setup, updated } from './event-log.fixtures';

type Harness = ReturnType<typeof setup>;

const windowOf = ({ cache }: Harness) =>
  cache.readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } })?.messages.messages ?? null;
const seqs = (h: Harness) => windowOf(h)?.map((m) => m.seq) ?? null;
const summary = ({ cache }: Harness) =>
  cache.readFragment({
    id: 'Conversation:c1',
    fragment: ConversationListItemFragmentDoc,
    fragmentName: 'ConversationListItem',
  });

/** Opens c1 and waits for the subscription that follows the snapshot. */
async function openC1(h: Harness, heard: ConversationEvent[] = [], resyncs: string[] = []) {
  const subscribed = h.wire.next();
  const close = h.log.open('c1', { event: (e) => heard.push(e), resync: () => resyncs.push('resync') });
  return { close, subscription: await subscribed, heard, resyncs };
}

describe('event log: one conversation', () => {
  it('takes a snapshot of the newest messages, then subscribes after it', async () => {
    const h = setup();
    const { subscription } = await openC1(h);
    expect(h.server.state.requests).toEqual(['Messages']);
    expect(subscription.source).toEqual({ conversationId: 'c1', afterSeq: 2 });
    expect(seqs(h)).toEqual([1, 2]);
  });

  it('applies each event once: replays and duplicates at or below the applied seq are ignored', async () => {
    const h = setup();
    const { subscription, heard } = await openC1(h);
    for (const seq of [3, 2, 3, 4, 1, 4]) subscription.sink.next(added(seq));
    expect(seqs(h)).toEqual([1, 2, 3, 4]);
    expect(heard.map((e) => e.seq)).toEqual([3, 4]);
    expect(h.log.channel('c1').appliedSeq).toBe(4);
  });

  it('writes events into the cache in seq order; edits replace the message everywhere it is shown', async () => {
    const h = setup();
    await h.log.startInbox();
    const { subscription } = await openC1(h);
    // Our own send is answered before the events around it arrive.
    h.log.noteSent(message(5, 'mine', ME));
    for (const seq of [3, 4]) subscription.sink.next(added(seq));
    subscription.sink.next(added(5, 'mine', ME));
    subscription.sink.next(updated(6, { ...message(5, 'mine, edited', ME), editedAt: '2026-01-02T00:00:00.000Z' }));
    expect(seqs(h)).toEqual([1, 2, 3, 4, 5]);
    expect(windowOf(h)?.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'mine, edited']);
    expect(summary(h)?.lastMessage?.text).toBe('mine, edited');
    expect(summary(h)?.lastSeq).toBe(6);
  });

  it('moves past events that carry no message, so a resume does not replay them', async () => {
    const h = setup();
    const { subscription } = await openC1(h);
    subscription.sink.next(added(3));
    subscription.sink.next({ __typename: 'MemberLeft', conversationId: 'c1', seq: 4, user: { id: 'u3' } });
    h.wire.reconnect();
    expect(h.wire.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 4 }]);
    expect(seqs(h)).toEqual([1, 2, 3]);
  });

  it('after a reconnect, resubscribes from the applied seq without a new snapshot', async () => {
    const h = setup();
    const { subscription } = await openC1(h);
    subscription.sink.next(added(3));
    h.wire.reconnect();
    expect(subscription.closed).toBe(true);
    expect(h.wire.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 3 }]);
    expect(h.server.state.requests).toEqual(['Messages']);
  });

  it('resubscribes after a reconnect that comes in the same tick as the first subscription', async () => {
    const h = setup();
    const subscribed = h.wire.next();
    h.log.open('c1');
    const subscription = await subscribed;
    h.wire.reconnect();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(subscription.closed).toBe(true);
    expect(h.wire.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 2 }]);
  });

  it('on RESYNC_REQUIRED refetches the snapshot, then subscribes after it', async () => {
    const h = setup();
    const { subscription, resyncs } = await openC1(h);
    h.server.state.messages = Array.from({ length: 60 }, (_, i) => message(1500 + i));
    const resubscribed = h.wire.next();
    subscription.sink.error(resyncRequired());
    const next = await resubscribed;
    expect(h.server.state.requests).toEqual(['Messages', 'Messages']);
    expect(next.source).toEqual({ conversationId: 'c1', afterSeq: 1559 });
    expect(seqs(h)).toEqual(Array.from({ length: 50 }, (_, i) => 1510 + i));
    expect(resyncs).toEqual(['resync']);
    next.sink.next(added(1560));
    expect(seqs(h)?.at(-1)).toBe(1560);
  });

  it('takes a snapshot rather than trust an applied seq whose window is not in the cache', async () => {
    const h = setup();
    h.log.restoreCursors({ c1: 40 });
    const { subscription } = await openC1(h);
    expect(h.server.state.requests).toEqual(['Messages']);
    expect(subscription.source).toEqual({ conversationId: 'c1', afterSeq: 2 });
  });

  it('stops following when the last view closes, and resumes from the applied seq when one opens again', async () => {
    const h = setup();
    const first = await openC1(h);
    first.subscription.sink.next(added(3));
    const second = h.log.open('c1');
    first.close();
    expect(first.subscription.closed).toBe(false);
    second();
    expect(first.subscription.closed).toBe(true);
    h.log.open('c1');
    expect(h.wire.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 3 }]);
  });
});

describe('event log: the inbox and the timeline share it', () => {
  it('applies an inbox event that comes right after the applied seq once, whichever subscription brings it first', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    const { subscription, heard } = await openC1(h);
    inbox?.sink.next(added(3));
    subscription.sink.next(added(3));
    subscription.sink.next(added(4));
    inbox?.sink.next(added(4));
    expect(seqs(h)).toEqual([1, 2, 3, 4]);
    expect(heard.map((e) => e.seq)).toEqual([3, 4]);
    expect(summary(h)?.unreadCount).toBe(2);
    expect(summary(h)?.lastMessage?.text).toBe('m4');
  });

  it('leaves an inbox event after a gap to the conversation subscription, which fills the gap in order', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    const { subscription } = await openC1(h);
    inbox?.sink.next(added(4));
    expect(seqs(h)).toEqual([1, 2]);
    expect(summary(h)?.lastMessage?.text).toBe('m4');
    subscription.sink.next(added(3));
    subscription.sink.next(added(4));
    expect(seqs(h)).toEqual([1, 2, 3, 4]);
  });

  it('counts messages from others as unread once, except in the conversation on screen or our own', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    for (const event of [added(3), added(3), added(4, 'mine', ME)]) inbox?.sink.next(event);
    expect(summary(h)?.unreadCount).toBe(1);
    h.log.active.value = 'c1';
    inbox?.sink.next(added(5));
    expect(summary(h)?.unreadCount).toBe(1);
    expect(summary(h)?.lastMessage?.text).toBe('m5');
  });

  it('keeps the timeline’s last message as the preview when a thread reply arrives, as the server does', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    inbox?.sink.next(added(3));
    const reply = added(4, 'in a thread');
    if (reply.__typename === 'MessageAdded') reply.message.threadRootId = 'id3';
    inbox?.sink.next(reply);
    expect(summary(h)?.lastMessage?.text).toBe('m3');
    expect(summary(h)?.lastSeq).toBe(4);
    expect(summary(h)?.unreadCount).toBe(1);
  });

  it('reads the conversation list and an open window from the same cache entities', async () => {
    const h = setup();
    await h.log.startInbox();
    await openC1(h);
    const [inbox] = h.wire.open('inbox');
    inbox?.sink.next(updated(3, { ...message(2, 'm2, edited') }));
    const list = h.cache.readQuery({ query: ConversationsQuery });
    expect(list?.conversations.conversations.map((c) => c.id)).toEqual(['c1']);
    expect(windowOf(h)?.map((m) => m.text)).toEqual(['m1', 'm2, edited']);
  });
});
