import { randomUUID } from 'node:crypto';
import { InvalidCursorError } from '../ports/conversation.store';
import type { Conversation, Member } from './conversation.model';
import {
  ADMINS,
  MAX_GROUP_MEMBERS,
  checkIds,
  type ConversationWriteDeps,
  loadUsers,
  nameOf,
  systemMessage,
  writeAsMember,
} from './conversation.writes';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { createMembershipService } from './membership.service';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';

/** Settings of {@link createConversationService}. */
export type ConversationServiceDeps = ConversationWriteDeps;

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

/** Conversations: creation, details, listing and read markers; membership from {@link createMembershipService}. */
export function createConversationService(d: ConversationServiceDeps) {
  return {
    ...createMembershipService(d),

    async openDirect(viewerId: string, userId: string): Promise<Conversation> {
      const errors = new FieldErrors();
      errors.check(!isId(userId), 'userId', 'must be a valid ID');
      errors.check(userId === viewerId, 'userId', 'must be someone other than yourself');
      errors.throwIfAny();
      const users = await loadUsers(d.users, [userId]);
      if (!users.has(userId)) throw new NotFoundError('User');
      // Decided before the write (a read inside it would need a second connection on the embedded
      // database), applied only when the conversation is new: an existing one stays readable.
      const refusal = (await d.directRefusal?.(viewerId, userId)) ?? null;
      const now = new Date().toISOString();
      const id = randomUUID();
      const directKey = [viewerId, userId].sort().join(':');
      const res = await d.store.create(
        { id, kind: 'DIRECT', title: null, description: null, createdAt: now, directKey },
        [
          { userId: viewerId, role: 'MEMBER' },
          { userId, role: 'MEMBER' },
        ],
        async () => {
          if (refusal) throw refusal;
        },
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
      const users = await loadUsers(d.users, [viewerId, ...ids]);
      const unknown = ids.filter((i) => !users.has(i));
      if (unknown.length > 0) throw new ValidationError({ memberIds: `unknown users: ${unknown.join(', ')}` });
      const now = new Date().toISOString();
      const id = randomUUID();
      const res = await d.store.create(
        { id, kind: 'GROUP', title, description, createdAt: now, directKey: null },
        [{ userId: viewerId, role: 'OWNER' }, ...ids.map((u) => ({ userId: u, role: 'MEMBER' as const }))],
        (tx) => systemMessage(tx, `${nameOf(users.get(viewerId))} created the group “${title}”`),
      );
      if (!res.created) throw new Error('group id collision');
      d.publisher.publish(
        [res.result],
        [viewerId, ...ids].map((userId) => ({ userId, notice: { type: 'joined', conversationId: id, fromSeq: 1 } })),
      );
      return res.conversation;
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
      const users = await loadUsers(d.users, [viewerId]);
      const { events, conversation } = await writeAsMember(d.store, viewerId, input.conversationId, async (tx, me) => {
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
        const sys = await systemMessage(tx, `${nameOf(users.get(viewerId))} ${what}`);
        return { events: [updated, sys], conversation: { ...tx.conversation } };
      });
      d.publisher.publish(events);
      return conversation;
    },

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
  };
}

/** The conversation service's surface. */
export type ConversationService = ReturnType<typeof createConversationService>;
