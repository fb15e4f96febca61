import type { AuditTrail } from '../audit/audit-trail';
import { randomUUID } from 'node:crypto';
import type { ConversationStore, ConversationTx } from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import type { EventPublisher } from '../events/event-publisher';
import type { ConversationEvent } from '../events/event.model';
import type { Member, MemberRole } from './conversation.model';
import { NotFoundError } from '../shared/errors';
import { snapshotUser, type User } from '../users/user.model';
import { isId, type FieldErrors } from '../shared/validate';

/** What every conversation write needs. */
export interface ConversationWriteDeps {
  store: ConversationStore;
  users: UserStore;
  publisher: EventPublisher;
  /** Why the viewer may not open a new direct conversation with a user, if they may not. */
  directRefusal?: ((viewerId: string, userId: string) => Promise<Error | null>) | undefined;
  /** Records role changes and removals. */
  audit?: AuditTrail | undefined;
}

/** Largest group. */
export const MAX_GROUP_MEMBERS = 5000;

/** Roles that manage a group's members and details. */
export const ADMINS: readonly MemberRole[] = ['OWNER', 'ADMIN'];

/** Deduplicated IDs, recording a field error when any is malformed. */
export function checkIds(errors: FieldErrors, ids: readonly string[], field: string): string[] {
  errors.check(
    ids.some((id) => !isId(id)),
    field,
    'must be valid IDs',
  );
  return [...new Set(ids)];
}

/** How system messages name people. */
export const nameOf = (u: User | undefined) => u?.displayName ?? 'Someone';
/** "A, B, C and 4 others". */
export const listNames = (names: string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`;

/** Appends a SYSTEM message (e.g. "Ana added Ben") as the next event of the locked conversation. */
export async function systemMessage(tx: ConversationTx, text: string): Promise<ConversationEvent> {
  const { event } = await tx.appendMessage({
    id: randomUUID(),
    clientMessageId: null,
    senderId: null,
    kind: 'SYSTEM',
    text,
    format: 'PLAIN',
    replyToId: null,
    threadRootId: null,
    forwardedFrom: null,
    mentionIds: [],
    attachments: [],
    location: null,
    sender: null,
    replyTo: null,
    mentions: [],
  });
  return event;
}

/** Removes a member and appends their MemberLeft event. */
export async function leaveEvent(
  tx: ConversationTx,
  userId: string,
  user: User | undefined,
): Promise<ConversationEvent> {
  await tx.deleteMember(userId);
  return tx.appendEvent(() => ({ type: 'MemberLeft', userId, user: user ? snapshotUser(user) : null }));
}

/** Users by id, for event snapshots and system messages. */
export async function loadUsers(users: UserStore, ids: readonly string[]): Promise<Map<string, User>> {
  return new Map((await users.findByIds(ids)).map((u) => [u.id, u]));
}

/** @throws NotFoundError unless the user is a member of the conversation (never saying which). */
export async function requireMember(
  store: Pick<ConversationStore, 'getMemberships'>,
  userId: string,
  conversationId: string,
): Promise<void> {
  if (!isId(conversationId)) throw new NotFoundError('Conversation');
  const [m] = await store.getMemberships([{ conversationId, userId }]);
  if (!m) throw new NotFoundError('Conversation');
}

/** Runs a write on a conversation the viewer belongs to; NOT_FOUND when they do not. */
export async function writeAsMember<T>(
  store: ConversationStore,
  viewerId: string,
  conversationId: string,
  fn: (tx: ConversationTx, me: Member) => Promise<T>,
): Promise<T> {
  if (!isId(conversationId)) throw new NotFoundError('Conversation');
  const out = await store.write(
    conversationId,
    async (tx) => {
      const me = await tx.getMember(viewerId);
      if (!me) throw new NotFoundError('Conversation');
      return fn(tx, me);
    },
    viewerId,
  );
  if (!out) throw new NotFoundError('Conversation');
  return out.result;
}
