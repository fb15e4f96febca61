import { describe, expect, it } from 'vitest';
import { MessagesQuery } from '../../src/event-log/event.documents';
import type { ConversationEvent } from '../../src/event-log/event.transport';
import { roleNoticeText } from '../../src/event-log/role.notice';
import { ConversationListItemFragmentDoc } from '../../src/gql/graphql';
import { added, joined, ME, setup } from './event-log.fixtures';

type Harness = ReturnType<typeof setup>;

const roleChanged = (seq: number, userId: string, role: string): ConversationEvent => {
  const { member } = joined(seq, userId, role) as Extract<ConversationEvent, { __typename: 'MemberJoined' }>;
  return { __typename: 'MemberUpdated', conversationId: 'c1', seq, member } as ConversationEvent;
};

const timeline = ({ cache }: Harness) =>
  cache
    .readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } })
    ?.messages.messages.map((m) => [m.seq, m.kind, m.text]);

async function openC1(h: Harness) {
  await h.log.startInbox();
  const subscribed = h.wire.next();
  h.log.open('c1');
  return { inbox: h.wire.open('inbox')[0], subscription: await subscribed };
}

describe('role change notices', () => {
  it('puts a role change in the timeline at its seq, once, without counting it as unread or as the last message', async () => {
    const h = setup();
    const { inbox, subscription } = await openC1(h);
    inbox?.sink.next(roleChanged(3, 'u2', 'ADMIN'));
    subscription.sink.next(roleChanged(3, 'u2', 'ADMIN'));
    subscription.sink.next(added(4));
    subscription.sink.next(roleChanged(5, ME, 'ADMIN'));
    expect(timeline(h)).toEqual([
      [1, 'TEXT', 'm1'],
      [2, 'TEXT', 'm2'],
      [3, 'SYSTEM', 'U2 is now an admin'],
      [4, 'TEXT', 'm4'],
      [5, 'SYSTEM', 'You are now an admin'],
    ]);
    const summary = h.cache.readFragment({
      id: 'Conversation:c1',
      fragment: ConversationListItemFragmentDoc,
      fragmentName: 'ConversationListItem',
    });
    expect(summary?.lastMessage?.text).toBe('m4');
    expect(summary?.unreadCount).toBe(1);
    expect(summary?.lastSeq).toBe(5);
  });

  it('words it from the role the member had, even when the first copy came ahead of the gap before it', async () => {
    const h = setup();
    const { inbox, subscription } = await openC1(h);
    subscription.sink.next(joined(3, 'u3', 'OWNER'));
    inbox?.sink.next(roleChanged(5, 'u3', 'MEMBER'));
    subscription.sink.next(added(4));
    subscription.sink.next(roleChanged(5, 'u3', 'MEMBER'));
    expect(timeline(h)?.at(-1)).toEqual([5, 'SYSTEM', 'U3 is no longer an owner']);
  });

  it('says who has which role now', () => {
    expect(roleNoticeText('ADMIN', 'MEMBER', 'Ana', false)).toBe('Ana is now an admin');
    expect(roleNoticeText('OWNER', 'ADMIN', 'Ana', false)).toBe('Ana is now an owner');
    expect(roleNoticeText('MEMBER', 'ADMIN', 'Ana', false)).toBe('Ana is no longer an admin');
    expect(roleNoticeText('MEMBER', null, 'Ana', false)).toBe('Ana is no longer an admin');
    expect(roleNoticeText('MEMBER', 'OWNER', 'Ana', true)).toBe('You are no longer an owner');
    expect(roleNoticeText('ADMIN', null, 'Ana', true)).toBe('You are now an admin');
  });
});
