import { describe, expect, it } from 'vitest';
import { insertIntoWindow, removeFromWindow, writeMessageItem } from '../../src/event-log/event.cache';
import { ConversationsQuery, MessagesQuery } from '../../src/event-log/event.documents';
import { ThreadQuery } from '../../src/chat/thread.store';
import { MessageItemFragmentDoc, type MessageItemFragment } from '../../src/gql/graphql';
import { added, conversation, message, ME, setup, updated } from './event-log.fixtures';

type Harness = ReturnType<typeof setup>;

const seqs = ({ cache }: Harness) =>
  cache.readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } })?.messages.messages.map((m) => m.seq);
const read = ({ cache }: Harness, id: string) =>
  cache.readFragment({ id: `Message:${id}`, fragment: MessageItemFragmentDoc, fragmentName: 'MessageItem' });
const listed = ({ cache }: Harness) => cache.readQuery({ query: ConversationsQuery })?.conversations.conversations[0];

const user = (id: string) => ({ __typename: 'User', id, displayName: id.toUpperCase() }) as never;
const group = (emoji: string, count: number, users: string[], reactedByMe?: boolean) =>
  ({ __typename: 'ReactionGroup', emoji, count, users: users.map(user), reactedByMe }) as never;

async function opened(h: Harness) {
  await h.log.startInbox();
  const subscribed = h.wire.next();
  h.log.open('c1');
  return subscribed;
}

describe('messages after sending, in the cache', () => {
  it('keeps thread replies out of the timeline and the unread count; the root shows the summary', async () => {
    const h = setup();
    const sub = await opened(h);
    const reply = { ...message(3, 'in a thread'), threadRootId: 'id1' };
    sub.sink.next({ __typename: 'MessageAdded', conversationId: 'c1', seq: 3, message: reply } as never);
    const root = {
      ...message(1),
      thread: { __typename: 'ThreadSummary', replyCount: 1, lastReplyAt: reply.createdAt, participants: [user('u2')] },
    };
    sub.sink.next(updated(4, root as MessageItemFragment));
    expect(seqs(h)).toEqual([1, 2]);
    expect(listed(h)?.unreadCount).toBe(0);
    expect(read(h, 'id1')?.thread?.replyCount).toBe(1);
    expect(read(h, 'id3')?.threadRootId).toBe('id1');
  });

  it('counts unread messages that mention the viewer, and clears them with the unread count', async () => {
    const h = setup();
    h.server.state.conversations = [conversation(2)];
    await h.log.startInbox();
    const mention = { ...message(3, '@u1 look'), mentions: [{ __typename: 'User', id: ME, username: 'u1' }] };
    h.wire
      .open('inbox')[0]
      ?.sink.next({ __typename: 'MessageAdded', conversationId: 'c1', seq: 3, message: mention } as never);
    h.wire.open('inbox')[0]?.sink.next(added(4, 'no mention'));
    expect(listed(h)?.unreadCount).toBe(2);
    expect(listed(h)?.unreadMentionCount).toBe(1);
  });

  it('derives "reacted by me" for event reactions, which leave it out, and keeps what it cannot tell', async () => {
    const h = setup();
    const sub = await opened(h);
    const withReactions = (groups: unknown[]) => ({ ...message(2), reactions: groups }) as MessageItemFragment;
    // The mutation's answer says it; then events say who the first reactors are.
    writeMessageItem(h.cache, withReactions([group('👍', 1, [ME], true)]));
    const many = Array.from({ length: 10 }, (_, i) => `x${i}`);
    sub.sink.next(updated(3, withReactions([group('👍', 11, many), group('🎉', 1, ['u2'])])));
    expect(read(h, 'id2')?.reactions.map((g) => [g.emoji, g.count, g.reactedByMe])).toEqual([
      ['👍', 11, true],
      ['🎉', 1, false],
    ]);
    sub.sink.next(updated(4, withReactions([group('👍', 10, many)])));
    expect(read(h, 'id2')?.reactions[0]?.reactedByMe).toBe(false);
  });

  it('keeps the receipt of an own message when an event rewrites it', async () => {
    const h = setup();
    const sub = await opened(h);
    const receipt = {
      __typename: 'MessageReceipt',
      status: 'READ',
      deliveredCount: 1,
      readCount: 1,
      recipientCount: 1,
    };
    h.log.noteSent({ ...message(3, 'mine', ME), receipt } as MessageItemFragment);
    sub.sink.next(updated(4, { ...message(3, 'mine, edited', ME), receipt: undefined } as never));
    expect(read(h, 'id3')?.text).toBe('mine, edited');
    expect(read(h, 'id3')?.receipt?.status).toBe('READ');
  });

  it('does not add live messages to a window that shows older history; newer pages append', async () => {
    const h = setup();
    h.server.state.messages = [1, 2, 3, 4, 5, 6].map((s) => message(s));
    await opened(h);
    h.cache.writeQuery({
      query: MessagesQuery,
      variables: { conversationId: 'c1' },
      data: { messages: { messages: [message(2), message(3)], hasMoreBefore: true, hasMoreAfter: true } },
    });
    writeMessageItem(h.cache, message(7));
    insertIntoWindow(h.cache, message(7));
    expect(seqs(h)).toEqual([2, 3]);
    await h.server.client.query({
      query: MessagesQuery,
      variables: { conversationId: 'c1', afterSeq: 3, limit: 2 },
      fetchPolicy: 'network-only',
    });
    expect(seqs(h)).toEqual([2, 3, 4, 5]);
    await h.server.client.query({
      query: MessagesQuery,
      variables: { conversationId: 'c1', afterSeq: 5, limit: 2 },
      fetchPolicy: 'network-only',
    });
    expect(seqs(h)).toEqual([2, 3, 4, 5, 6]);
    insertIntoWindow(h.cache, message(7));
    expect(seqs(h)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('removes a message deleted for the viewer only from the window', async () => {
    const h = setup();
    await opened(h);
    removeFromWindow(h.cache, { id: 'id1' });
    expect(seqs(h)).toEqual([2]);
  });

  it('puts a live thread reply into its open thread once, and not into the timeline', async () => {
    const h = setup();
    const sub = await opened(h);
    h.cache.writeQuery({
      query: ThreadQuery,
      variables: { rootMessageId: 'id1', limit: 200 },
      data: { thread: { messages: [], hasMoreBefore: false, hasMoreAfter: false } },
    });
    for (const seq of [4, 3, 4]) {
      const reply = { ...message(seq, `reply ${seq}`), threadRootId: 'id1' };
      sub.sink.next({ __typename: 'MessageAdded', conversationId: 'c1', seq, message: reply } as never);
    }
    const replies = h.cache.readQuery({ query: ThreadQuery, variables: { rootMessageId: 'id1', limit: 200 } });
    expect(replies?.thread.messages.map((m) => m.text)).toEqual(['reply 4']);
    expect(seqs(h)).toEqual([1, 2]);
  });
});
