import type { ApolloCache } from '@apollo/client';
import { graphql } from '../gql';
import { MessageItemFragmentDoc, type MemberRole, type MessageItemFragment } from '../gql/graphql';
import type { ConversationEvent } from './event.transport';
import { writeMessageItem } from './event.cache';

type MemberUpdated = Extract<ConversationEvent, { __typename: 'MemberUpdated' }>;

const RoleNoticeMemberFragment = graphql(`
  fragment RoleNoticeMember on Member {
    conversationId
    role
    user {
      id
    }
  }
`);

const NOW: Record<Exclude<MemberRole, 'MEMBER'>, string> = { ADMIN: 'an admin', OWNER: 'an owner' };

/** The wording of a role change; the previous role, when the cache knew it, tells an owner from an admin. */
export function roleNoticeText(role: MemberRole, previous: MemberRole | null, name: string, isMe: boolean): string {
  const who = isMe ? 'You are' : `${name} is`;
  if (role !== 'MEMBER') return `${who} now ${NOW[role]}`;
  return `${who} no longer ${previous === 'OWNER' ? 'an owner' : 'an admin'}`;
}

/**
 * A role change as a line in the timeline ("Ana is now an admin"), made here because the server records a
 * MemberUpdated event and no SYSTEM message. It is a SYSTEM message of our own, at the event's seq, with an id no
 * server message has; it is written once, at the first copy of the event, before the new role is, so that the
 * wording can use the old role. Call it before the event's entities are written. Its time is when it arrived:
 * the event carries none.
 */
export function roleNotice(cache: ApolloCache, event: MemberUpdated, me: string | null): MessageItemFragment {
  const id = `notice:${event.conversationId}:${event.seq}`;
  const known = cache.readFragment({
    id: cache.identify({ __typename: 'Message', id }),
    fragment: MessageItemFragmentDoc,
    fragmentName: 'MessageItem',
  });
  if (known) return known;
  const { member } = event;
  const previous = cache.readFragment({
    id: cache.identify({ __typename: 'Member', conversationId: member.conversationId, user: { id: member.user.id } }),
    fragment: RoleNoticeMemberFragment,
  });
  const notice: MessageItemFragment & { __typename: 'Message' } = {
    __typename: 'Message',
    id,
    conversationId: event.conversationId,
    seq: event.seq,
    clientMessageId: null,
    kind: 'SYSTEM',
    text: roleNoticeText(member.role, previous?.role ?? null, member.user.displayName, member.user.id === me),
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
    sender: null,
    replyTo: null,
    format: 'PLAIN',
    threadRootId: null,
    mentions: [],
    reactions: [],
    forwardedFrom: null,
    attachments: [],
    location: null,
    thread: null,
    receipt: null,
  };
  writeMessageItem(cache, notice);
  return notice;
}
