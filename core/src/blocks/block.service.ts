import type { AuditTrail } from '../audit/audit-trail';
import type { BlockStore } from '../ports/block.store';
import type { ConversationStore } from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { FieldErrors, isId } from '../shared/validate';
import type { User } from '../users/user.model';
import type { BlockCache } from './block-cache';
import { CANNOT_MESSAGE_USER, UNBLOCK_TO_MESSAGE } from './block.model';

/** Settings of {@link createBlockService}. */
export interface BlockServiceDeps {
  store: BlockStore;
  /** Records blocks and unblocks. */
  audit?: AuditTrail | undefined;
  users: Pick<UserStore, 'findByIds'>;
  conversations: Pick<ConversationStore, 'getConversations' | 'listMembers'>;
  cache: BlockCache;
  now?: () => Date;
  onError?: (err: unknown) => void;
}

/**
 * Blocking users. A block is one-way: the blocked user can no longer message the blocker in a direct
 * conversation (told only what any refusal says), nor see the blocker's presence or typing; the
 * blocker cannot message them either until they unblock. In groups both stay members; hiding the
 * blocked user's messages there is the blocker's client's choice.
 *
 * Notifications (push, email) do not exist yet. When they do, a notification caused by a user
 * (a message, a mention, a reaction) must not go to anyone who blocks that user: ask
 * {@link BlockStore.blockedAmong} for the recipients before sending.
 */
export function createBlockService(d: BlockServiceDeps) {
  const now = d.now ?? (() => new Date());
  const onError = d.onError ?? (() => undefined);

  /** The other user, checked: an ID, not the viewer, existing. */
  async function target(viewerId: string, userId: string): Promise<User> {
    const errors = new FieldErrors();
    errors.check(!isId(userId), 'userId', 'must be a valid ID');
    errors.check(userId === viewerId, 'userId', 'must be someone other than yourself');
    errors.throwIfAny();
    const [user] = await d.users.findByIds([userId]);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Whether each of two users blocks the other. */
  async function between(a: string, b: string): Promise<{ aBlocksB: boolean; bBlocksA: boolean }> {
    const [ab, ba] = await Promise.all([d.store.blockedAmong(a, [b]), d.store.blockedAmong(b, [a])]);
    return { aBlocksB: ab.has(b), bBlocksA: ba.has(a) };
  }

  function announce(blockerId: string, blockedId: string, blocked: boolean): void {
    // The block is stored; a lost notice only delays hiding, so the request does not fail for it.
    d.cache.publish({ blockerId, blockedId, blocked }).catch(onError);
  }

  return {
    /** Blocks `userId`; idempotent. Returns the blocked user. */
    async block(viewerId: string, userId: string): Promise<User> {
      const user = await target(viewerId, userId);
      if (await d.store.block(viewerId, userId, now())) {
        announce(viewerId, userId, true);
        d.audit?.record('user.blocked', { actorId: viewerId, targetId: userId });
      }
      return user;
    },

    /** Ends the viewer's block of `userId`; idempotent. Returns the user. */
    async unblock(viewerId: string, userId: string): Promise<User> {
      const user = await target(viewerId, userId);
      if (await d.store.unblock(viewerId, userId)) {
        announce(viewerId, userId, false);
        d.audit?.record('user.unblocked', { actorId: viewerId, targetId: userId });
      }
      return user;
    },

    /** The users the viewer blocks, newest block first. */
    async list(viewerId: string): Promise<User[]> {
      const entries = await d.store.listBlocked(viewerId);
      const users = new Map((await d.users.findByIds(entries.map((e) => e.userId))).map((u) => [u.id, u]));
      return entries.flatMap((e) => users.get(e.userId) ?? []);
    },

    /** Which of `userIds` the viewer blocks. */
    blockedAmong: (viewerId: string, userIds: readonly string[]) => d.store.blockedAmong(viewerId, userIds),

    /**
     * Refuses a new message by `viewerId` in a direct conversation where either side blocks the
     * other. Anything else (groups, conversations the viewer is not in) is left to the writer.
     */
    async assertMaySend(viewerId: string, conversationId: string): Promise<void> {
      // One read for every send; the conversation is looked at only by someone with a block.
      const counterparts = await d.store.counterparts(viewerId);
      if (counterparts.size === 0) return;
      const [conversation] = await d.conversations.getConversations([conversationId]);
      if (conversation?.kind !== 'DIRECT') return;
      const members = await d.conversations.listMembers(conversationId, 2, null);
      const other = members.find((m) => m.userId !== viewerId);
      if (!other || !counterparts.has(other.userId) || !members.some((m) => m.userId === viewerId)) return;
      const b = await between(viewerId, other.userId);
      if (b.aBlocksB) throw new ForbiddenError(UNBLOCK_TO_MESSAGE);
      if (b.bBlocksA) throw new ForbiddenError(CANNOT_MESSAGE_USER);
    },

    /**
     * Whether opening a new direct conversation with `userId` must be refused, and with what: only
     * the blocked user is refused; the blocker may open it to read and to unblock from there.
     */
    async directRefusal(viewerId: string, userId: string): Promise<ForbiddenError | null> {
      const b = await between(viewerId, userId);
      return b.bBlocksA ? new ForbiddenError(CANNOT_MESSAGE_USER) : null;
    },
  };
}

/** The block service's surface. */
export type BlockService = ReturnType<typeof createBlockService>;
