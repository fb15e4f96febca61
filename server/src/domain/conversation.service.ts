import { randomUUID } from 'node:crypto';
import { InvalidCursorError, type ConversationStore, type ConversationTx } from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import type { Conversation, ConversationEvent, Member, MemberRole, Message, UserSnapshot } from './chat.model';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from './validate';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import type { EventPublisher, JoinedNotice } from './event-publisher';
import type { User } from './user.model';

/** Largest group. */
export const MAX_GROUP_MEMBERS = 5000;

/** Settings of {@link createConversationService}. */
export interface ConversationServiceDeps {
  store: ConversationStore;
  users: UserStore;
  publisher: EventPublisher;
}

/** Snapshot of a user for event payloads. */
export const snapshotUser = (u: User): UserSnapshot => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
  createdAt: u.createdAt instanceof Date ? u.createdAt.toISOString() : String(u.createdAt),
});

const ADMINS: readonly MemberRole[] = ['OWNER', 'ADMIN'];

/** A member present from a conversation's creation (before any event). */
const founder = (conversationId: string, userId: string, role: MemberRole, joinedAt: string): Member => ({
  conversationId,
  userId,
  role,
  joinedAt,
  joinedSeq: 0,
  lastReadSeq: 0,
  lastDeliveredSeq: 0,
});

function checkTitle(errors: FieldErrors, title: string | null | undefined, field = 'title'): string | undefined {
  if (title === undefined || title === null) return undefined;
  const t = title.trim();
  errors.check(codePointLength(t) < 1 || codePointLength(t) > 100, field, 'must be 1 to 100 characters');
  errors.check(hasForbiddenChars(t) || /[\n\t]/.test(t), field, 'must not contain control characters');
  return t;
}

function checkDescription(errors: FieldErrors, d: string | null | undefined): string | null | undefined {
  if (d === undefined) return undefined;
  const t = d?.trim() ?? '';
  errors.check(codePointLength(t) > 1000, 'description', 'must be at most 1000 characters');
  errors.check(hasForbiddenChars(t), 'description', 'must not contain control characters');
  return t === '' ? null : t;
}

function checkIds(errors: FieldErrors, ids: readonly string[], field: string): string[] {
  errors.check(
    ids.some((id) => !isId(id)),
    field,
    'must be valid IDs',
  );
  return [...new Set(ids)];
}

/** Conversations and membership: creation, members, roles, reads. */
export function createConversationService(d: ConversationServiceDeps) {
  async function loadUsers(ids: readonly string[]): Promise<Map<string, User>> {
    const users = await d.users.findByIds(ids);
    return new Map(users.map((u) => [u.id, u]));
  }

  async function systemMessage(tx: ConversationTx, text: string): Promise<ConversationEvent> {
    let message: Message | undefined;
    const event = await tx.appendEvent((seq, createdAt) => {
      message = {
        id: randomUUID(),
        conversationId: tx.conversation.id,
        seq,
        clientMessageId: null,
        senderId: null,
        kind: 'SYSTEM',
        text,
        replyToId: null,
        createdAt,
        editedAt: null,
        deletedAt: null,
        sender: null,
        replyTo: null,
      };
      return { type: 'MessageAdded', message };
    });
    const { sender: _s, replyTo: _r, ...row } = message!;
    await tx.insertMessage(row);
    return event;
  }

  /** Runs a write on a conversation the viewer belongs to; NOT_FOUND when they do not. */
  async function writeAsMember<T>(
    viewerId: string,
    conversationId: string,
    fn: (tx: ConversationTx, me: Member) => Promise<T>,
  ): Promise<T> {
    if (!isId(conversationId)) throw new NotFoundError('Conversation');
    const out = await d.store.write(conversationId, async (tx) => {
      const me = await tx.getMember(viewerId);
      if (!me) throw new NotFoundError('Conversation');
      return fn(tx, me);
    });
    if (!out) throw new NotFoundError('Conversation');
    return out.result;
  }

  const name = (u: User | undefined) => u?.displayName ?? 'Someone';
  const listNames = (names: string[]) =>
    names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`;

  return {
    async openDirect(viewerId: string, userId: string): Promise<Conversation> {
      const errors = new FieldErrors();
      errors.check(!isId(userId), 'userId', 'must be a valid ID');
      errors.check(userId === viewerId, 'userId', 'must be someone other than yourself');
      errors.throwIfAny();
      const users = await loadUsers([userId]);
      if (!users.has(userId)) throw new NotFoundError('User');
      const now = new Date().toISOString();
      const id = randomUUID();
      const directKey = [viewerId, userId].sort().join(':');
      const res = await d.store.create(
        {
          id,
          kind: 'DIRECT',
          title: null,
          description: null,
          createdAt: now,
          lastSeq: 0,
          lastActivityAt: now,
          lastMessageId: null,
          memberCount: 2,
          directKey,
        },
        [founder(id, viewerId, 'MEMBER', now), founder(id, userId, 'MEMBER', now)],
        async () => undefined,
      );
      if (res.created) {
        d.publisher.publish(
          [],
          [
            { userId, notice: { type: 'joined', conversationId: id, fromSeq: 1 } },
            { userId: viewerId, notice: { type: 'joined', conversationId: id, fromSeq: 1 } },
          ],
        );
      }
      return res.conversation;
    },

    async createGroup(
      viewerId: string,
      input: { title: string; description?: string | null; memberIds: readonly string[] },
    ): Promise<Conversation> {
      const errors = new FieldErrors();
      const title = checkTitle(errors, input.title) ?? '';
      const description = checkDescription(errors, input.description) ?? null;
      const ids = checkIds(errors, input.memberIds, 'memberIds').filter((id) => id !== viewerId);
      errors.check(
        ids.length + 1 > MAX_GROUP_MEMBERS,
        'memberIds',
        `must have at most ${MAX_GROUP_MEMBERS - 1} members`,
      );
      errors.throwIfAny();
      const users = await loadUsers([viewerId, ...ids]);
      const unknown = ids.filter((i) => !users.has(i));
      if (unknown.length > 0) throw new ValidationError({ memberIds: `unknown users: ${unknown.join(', ')}` });
      const now = new Date().toISOString();
      const id = randomUUID();
      const res = await d.store.create(
        {
          id,
          kind: 'GROUP',
          title,
          description,
          createdAt: now,
          lastSeq: 0,
          lastActivityAt: now,
          lastMessageId: null,
          memberCount: 0,
          directKey: null,
        },
        [founder(id, viewerId, 'OWNER', now), ...ids.map((u) => founder(id, u, 'MEMBER', now))],
        (tx) => systemMessage(tx, `${name(users.get(viewerId))} created the group “${title}”`),
      );
      if (!res.created) throw new Error('group id collision');
      d.publisher.publish(
        [res.result],
        [viewerId, ...ids].map((userId) => ({ userId, notice: { type: 'joined', conversationId: id, fromSeq: 1 } })),
      );
      return res.conversation;
    },

    async addMembers(viewerId: string, conversationId: string, userIds: readonly string[]): Promise<Conversation> {
      const errors = new FieldErrors();
      const ids = checkIds(errors, userIds, 'userIds');
      errors.check(ids.length === 0, 'userIds', 'must name at least one user');
      errors.check(ids.length > MAX_GROUP_MEMBERS, 'userIds', `must have at most ${MAX_GROUP_MEMBERS} users`);
      errors.throwIfAny();
      const users = await loadUsers([viewerId, ...ids]);
      const unknown = ids.filter((i) => !users.has(i));
      if (unknown.length > 0) throw new ValidationError({ userIds: `unknown users: ${unknown.join(', ')}` });
      const { events, joined, conversation } = await writeAsMember(viewerId, conversationId, async (tx, me) => {
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
          const e = await tx.appendEvent((seq, createdAt) => {
            const member: Member = {
              conversationId,
              userId,
              role: 'MEMBER',
              joinedAt: createdAt,
              joinedSeq: seq,
              lastReadSeq: seq - 1,
              lastDeliveredSeq: seq - 1,
            };
            return { type: 'MemberJoined', member: { ...member, user: snapshotUser(users.get(userId)!) } };
          });
          if (e.type === 'MemberJoined') {
            const { user: _u, ...member } = e.member;
            await tx.insertMembers([member]);
          }
          events.push(e);
          joined.push({ userId, notice: { type: 'joined', conversationId, fromSeq: e.seq } });
        }
        if (fresh.length > 0) {
          events.push(
            await systemMessage(
              tx,
              `${name(users.get(viewerId))} added ${listNames(fresh.map((u) => name(users.get(u))))}`,
            ),
          );
        }
        return { events, joined, conversation: { ...tx.conversation } };
      });
      d.publisher.publish(events, joined);
      return conversation;
    },

    async removeMember(viewerId: string, conversationId: string, userId: string): Promise<Conversation> {
      if (!isId(userId)) throw new ValidationError({ userId: 'must be a valid ID' });
      if (userId === viewerId) throw new ValidationError({ userId: 'use leaveConversation to leave' });
      const users = await loadUsers([viewerId, userId]);
      const { events, conversation } = await writeAsMember(viewerId, conversationId, async (tx, me) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (!ADMINS.includes(me.role)) throw new ForbiddenError('Only owners and admins can remove members');
        const target = await tx.getMember(userId);
        if (!target) throw new NotFoundError('Member');
        if (target.role === 'OWNER' && me.role !== 'OWNER') throw new ForbiddenError('An admin cannot remove an owner');
        const left = await leaveEvent(tx, userId, users.get(userId));
        const sys = await systemMessage(tx, `${name(users.get(viewerId))} removed ${name(users.get(userId))}`);
        return { events: [left, sys], conversation: { ...tx.conversation } };
      });
      d.publisher.publish(events);
      return conversation;
    },

    async leave(viewerId: string, conversationId: string): Promise<boolean> {
      const users = await loadUsers([viewerId]);
      // Users are read outside the transaction (a read inside it needs a second connection, which a
      // one-connection pool never frees): an heir not loaded yet aborts the attempt, and it is
      // retried with the heir's user at hand.
      let needUser: string | null = null;
      const abort = new Error('heir user not loaded');
      const attempt = () =>
        writeAsMember(viewerId, conversationId, async (tx, me) => {
          if (tx.conversation.kind === 'DIRECT')
            throw new ValidationError({ conversationId: 'is a direct conversation' });
          const out: ConversationEvent[] = [];
          if (me.role === 'OWNER' && !(await tx.oldestMember('OWNER', viewerId))) {
            const heir = (await tx.oldestMember('ADMIN', viewerId)) ?? (await tx.oldestMember(null, viewerId));
            if (heir) {
              const heirUser = users.get(heir.userId);
              if (!heirUser && needUser !== heir.userId) {
                needUser = heir.userId;
                throw abort;
              }
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
          out.push(await systemMessage(tx, `${name(users.get(viewerId))} left`));
          return out;
        });
      let events: ConversationEvent[] | undefined;
      for (let tries = 0; !events; tries++) {
        try {
          events = await attempt();
        } catch (err) {
          if (err !== abort || tries >= 3) throw err;
          for (const u of await d.users.findByIds([needUser!])) users.set(u.id, u);
        }
      }
      d.publisher.publish(events);
      return true;
    },

    async update(
      viewerId: string,
      input: { conversationId: string; title?: string | null; description?: string | null },
    ): Promise<Conversation> {
      const errors = new FieldErrors();
      const title = checkTitle(errors, input.title);
      const description = checkDescription(errors, input.description);
      errors.check(
        title === undefined && description === undefined,
        'title',
        'give a title or a description to change',
      );
      errors.throwIfAny();
      const users = await loadUsers([viewerId]);
      const { events, conversation } = await writeAsMember(viewerId, input.conversationId, async (tx, me) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (!ADMINS.includes(me.role)) throw new ForbiddenError('Only owners and admins can edit the group');
        const patch: { title?: string; description?: string | null } = {};
        if (title !== undefined && title !== tx.conversation.title) patch.title = title;
        if (description !== undefined && description !== tx.conversation.description) patch.description = description;
        if (Object.keys(patch).length === 0) return { events: [], conversation: { ...tx.conversation } };
        await tx.updateConversation(patch);
        const updated = await tx.appendEvent((seq) => ({
          type: 'ConversationUpdated',
          conversation: { ...tx.conversation, lastSeq: seq },
        }));
        const what =
          patch.title !== undefined ? `renamed the group to “${patch.title}”` : 'changed the group description';
        const sys = await systemMessage(tx, `${name(users.get(viewerId))} ${what}`);
        return { events: [updated, sys], conversation: { ...tx.conversation } };
      });
      d.publisher.publish(events);
      return conversation;
    },

    async setRole(viewerId: string, conversationId: string, userId: string, role: MemberRole): Promise<Member> {
      if (!isId(userId)) throw new ValidationError({ userId: 'must be a valid ID' });
      const users = await loadUsers([userId]);
      const { events, member } = await writeAsMember(viewerId, conversationId, async (tx, me) => {
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
      return member;
    },

    /** The conversation if the viewer is a member, else NOT_FOUND. */
    async get(viewerId: string, conversationId: string): Promise<{ conversation: Conversation; member: Member }> {
      if (!isId(conversationId)) throw new NotFoundError('Conversation');
      const [member] = await d.store.getMemberships([{ conversationId, userId: viewerId }]);
      const [conversation] = member ? await d.store.getConversations([conversationId]) : [];
      if (!member || !conversation) throw new NotFoundError('Conversation');
      return { conversation, member };
    },

    /** A page of members; the caller has checked the viewer belongs to the conversation. */
    members(conversationId: string, first: number, afterUserId: string | null): Promise<Member[]> {
      return d.store.listMembers(conversationId, first, afterUserId);
    },

    async list(viewerId: string, first: number, after: string | null) {
      const errors = new FieldErrors();
      errors.check(!Number.isInteger(first) || first < 1 || first > 200, 'first', 'must be between 1 and 200');
      errors.throwIfAny();
      return d.store.listConversations(viewerId, first, after).catch((err: unknown) => {
        if (err instanceof InvalidCursorError) throw new ValidationError({ after: 'is not a valid cursor' });
        throw err;
      });
    },

    async markRead(viewerId: string, conversationId: string, seq: number): Promise<Member> {
      if (!isId(conversationId)) throw new NotFoundError('Conversation');
      if (!Number.isInteger(seq) || seq < 0) throw new ValidationError({ seq: 'must be a non-negative integer' });
      const r = await d.store.markRead(conversationId, viewerId, seq);
      if (r === null) throw new NotFoundError('Conversation');
      if (r === 'tooHigh') throw new ValidationError({ seq: 'is beyond the newest event of the conversation' });
      return r;
    },
  };

  function leaveEvent(tx: ConversationTx, userId: string, user: User | undefined): Promise<ConversationEvent> {
    return tx
      .deleteMember(userId)
      .then(() => tx.appendEvent(() => ({ type: 'MemberLeft', userId, user: user ? snapshotUser(user) : null })));
  }
}

/** The conversation service's surface. */
export type ConversationService = ReturnType<typeof createConversationService>;
