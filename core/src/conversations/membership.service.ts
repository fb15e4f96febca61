import type { Conversation, Member, MemberRole } from './conversation.model';
import type { ConversationEvent } from '../events/event.model';
import {
  ADMINS,
  MAX_GROUP_MEMBERS,
  checkIds,
  type ConversationWriteDeps,
  leaveEvent,
  listNames,
  loadUsers,
  nameOf,
  systemMessage,
  writeAsMember,
} from './conversation.writes';
import { snapshotUser } from '../users/user.model';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { JoinedNotice } from '../events/bus-channels';
import { FieldErrors, isId } from '../shared/validate';
import { UsersNeeded } from './user-lookup';

/** Group membership: adding, removing, leaving and roles, each change an event with its own seq. */
export function createMembershipService(d: ConversationWriteDeps) {
  return {
    async addMembers(viewerId: string, conversationId: string, userIds: readonly string[]): Promise<Conversation> {
      const errors = new FieldErrors();
      const ids = checkIds(errors, userIds, 'userIds');
      errors.check(ids.length === 0, 'userIds', 'must name at least one user');
      errors.check(ids.length > MAX_GROUP_MEMBERS, 'userIds', `must have at most ${MAX_GROUP_MEMBERS} users`);
      errors.throwIfAny();
      const users = await loadUsers(d.users, [viewerId, ...ids]);
      const unknown = ids.filter((i) => !users.has(i));
      if (unknown.length > 0) throw new ValidationError({ userIds: `unknown users: ${unknown.join(', ')}` });
      const { events, joined, conversation } = await writeAsMember(
        d.store,
        viewerId,
        conversationId,
        async (tx, me) => {
          if (tx.conversation.kind === 'DIRECT')
            throw new ValidationError({ conversationId: 'is a direct conversation' });
          if (!ADMINS.includes(me.role)) throw new ForbiddenError('Only owners and admins can add members');
          const existing = new Set((await tx.getMembers(ids)).map((m) => m.userId));
          const fresh = ids.filter((i) => !existing.has(i));
          if (tx.conversation.memberCount + fresh.length > MAX_GROUP_MEMBERS) {
            throw new ValidationError({ userIds: `a group has at most ${MAX_GROUP_MEMBERS} members` });
          }
          const events: ConversationEvent[] = [];
          const joined: { userId: string; notice: JoinedNotice }[] = [];
          for (const userId of fresh) {
            const { event } = await tx.addMember(userId, 'MEMBER', snapshotUser(users.get(userId)!));
            events.push(event);
            joined.push({ userId, notice: { type: 'joined', conversationId, fromSeq: event.seq } });
          }
          if (fresh.length > 0) {
            events.push(
              await systemMessage(
                tx,
                `${nameOf(users.get(viewerId))} added ${listNames(fresh.map((u) => nameOf(users.get(u))))}`,
              ),
            );
          }
          return { events, joined, conversation: { ...tx.conversation } };
        },
      );
      d.publisher.publish(events, joined);
      return conversation;
    },

    async removeMember(viewerId: string, conversationId: string, userId: string): Promise<Conversation> {
      if (!isId(userId)) throw new ValidationError({ userId: 'must be a valid ID' });
      if (userId === viewerId) throw new ValidationError({ userId: 'use leaveConversation to leave' });
      const users = await loadUsers(d.users, [viewerId, userId]);
      const { events, conversation } = await writeAsMember(d.store, viewerId, conversationId, async (tx, me) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (!ADMINS.includes(me.role)) throw new ForbiddenError('Only owners and admins can remove members');
        const target = await tx.getMember(userId);
        if (!target) throw new NotFoundError('Member');
        if (target.role === 'OWNER' && me.role !== 'OWNER') throw new ForbiddenError('An admin cannot remove an owner');
        const left = await leaveEvent(tx, userId, users.get(userId));
        const sys = await systemMessage(tx, `${nameOf(users.get(viewerId))} removed ${nameOf(users.get(userId))}`);
        return { events: [left, sys], conversation: { ...tx.conversation } };
      });
      d.publisher.publish(events);
      d.audit?.record('member.removed', { actorId: viewerId, targetId: userId }, { conversationId });
      return conversation;
    },

    /** A server administrator removes a member from a group they need not be in (moderation; the caller checks the role). */
    async removeAsAdministrator(conversationId: string, userId: string): Promise<void> {
      if (!isId(userId) || !isId(conversationId)) throw new NotFoundError('Member');
      const users = await loadUsers(d.users, [userId]);
      const out = await d.store.write(conversationId, async (tx) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (!(await tx.getMember(userId))) throw new NotFoundError('Member');
        const left = await leaveEvent(tx, userId, users.get(userId));
        return [left, await systemMessage(tx, `A server administrator removed ${nameOf(users.get(userId))}`)];
      });
      if (!out) throw new NotFoundError('Conversation');
      d.publisher.publish(out.result);
    },

    async leave(viewerId: string, conversationId: string): Promise<boolean> {
      const users = await loadUsers(d.users, [viewerId]);
      // Users are read outside the transaction (a read inside it needs a second connection, which a
      // one-connection pool never frees): an heir not loaded yet aborts the attempt, and it is
      // retried with the heir's user at hand. Heirs already looked for (a deleted user stays
      // missing) are known outside the write, which may run again (see `ConversationStore.write`).
      const lookedFor = new Set<string>();
      const attempt = () =>
        writeAsMember(d.store, viewerId, conversationId, async (tx, me) => {
          if (tx.conversation.kind === 'DIRECT')
            throw new ValidationError({ conversationId: 'is a direct conversation' });
          const out: ConversationEvent[] = [];
          if (me.role === 'OWNER' && !(await tx.oldestMember('OWNER', viewerId))) {
            const heir = (await tx.oldestMember('ADMIN', viewerId)) ?? (await tx.oldestMember(null, viewerId));
            if (heir) {
              const heirUser = users.get(heir.userId);
              if (!heirUser && !lookedFor.has(heir.userId)) throw new UsersNeeded([heir.userId]);
              await tx.setMemberRole(heir.userId, 'OWNER');
              out.push(
                await tx.appendEvent(() => ({
                  type: 'MemberUpdated',
                  member: { ...heir, role: 'OWNER', ...(heirUser ? { user: snapshotUser(heirUser) } : {}) },
                })),
              );
            }
          }
          out.push(await leaveEvent(tx, viewerId, users.get(viewerId)));
          out.push(await systemMessage(tx, `${nameOf(users.get(viewerId))} left`));
          return out;
        });
      let events: ConversationEvent[] | undefined;
      for (let tries = 0; !events; tries++) {
        try {
          events = await attempt();
        } catch (err) {
          if (!(err instanceof UsersNeeded) || tries >= 3) throw err;
          for (const id of err.ids) lookedFor.add(id);
          for (const u of await d.users.findByIds(err.ids)) users.set(u.id, u);
        }
      }
      d.publisher.publish(events);
      return true;
    },

    async setRole(viewerId: string, conversationId: string, userId: string, role: MemberRole): Promise<Member> {
      if (!isId(userId)) throw new ValidationError({ userId: 'must be a valid ID' });
      const users = await loadUsers(d.users, [userId]);
      const { events, member } = await writeAsMember(d.store, viewerId, conversationId, async (tx, me) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (me.role !== 'OWNER') throw new ForbiddenError('Only owners can change roles');
        const target = await tx.getMember(userId);
        if (!target) throw new NotFoundError('Member');
        if (target.role === role) return { events: [], member: target };
        if (userId === viewerId && !(await tx.oldestMember('OWNER', viewerId))) {
          throw new ValidationError({ role: 'a group needs an owner: make someone else owner first' });
        }
        await tx.setMemberRole(userId, role);
        const u = users.get(userId);
        const updated: Member = { ...target, role, ...(u ? { user: snapshotUser(u) } : {}) };
        const e = await tx.appendEvent(() => ({ type: 'MemberUpdated', member: updated }));
        return { events: [e], member: updated };
      });
      d.publisher.publish(events);
      if (events.length > 0)
        d.audit?.record('member.role_changed', { actorId: viewerId, targetId: userId }, { conversationId, role });
      return member;
    },

    /** The conversation if the viewer is a member, else NOT_FOUND. */
  };
}
