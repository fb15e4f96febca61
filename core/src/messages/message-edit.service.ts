import type { AttachmentService } from '../attachments/attachment.service';
import type { AbuseLimits } from '../limits/abuse-limits';
import type { ContentFilter } from '../ports/content-filter';
import type { UserStore } from '../ports/user.store';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { FieldErrors, isId } from '../shared/validate';
import { changeMessage, type MessageChangeDeps } from './message-change';
import { checkText, mentionedUsernames } from './message-text';
import type { Message } from './message.model';

/** Settings of {@link createMessageEditService}. */
export interface MessageEditServiceDeps extends MessageChangeDeps {
  users: Pick<UserStore, 'findByIds' | 'findByUsernames'>;
  limits?: Pick<AbuseLimits, 'sendMessage'> | undefined;
  contentFilter?: ContentFilter | undefined;
  /** Deletes the files of a message deleted for everyone; none kept when omitted (unit tests). */
  attachments?: Pick<AttachmentService, 'discard'> | undefined;
}

/** Roles that may delete other members' messages in a group (moderation). */
const MODERATORS = ['OWNER', 'ADMIN'];

/** Editing and deleting messages; each change is a MessageUpdated event. */
export function createMessageEditService(d: MessageEditServiceDeps) {
  return {
    /**
     * Replaces the text of the viewer's own TEXT message, with the same checks as sending; mentions
     * are parsed again and `editedAt` is set. The same text again changes nothing.
     */
    async edit(viewerId: string, messageId: string, rawText: string): Promise<Message> {
      const errors = new FieldErrors();
      errors.check(!isId(messageId), 'messageId', 'must be a valid ID');
      const text = checkText(errors, rawText);
      errors.throwIfAny();
      await d.limits?.sendMessage.consume(viewerId);
      const refused = await d.contentFilter?.check(text);
      if (refused) throw new ValidationError({ text: refused });
      const names = mentionedUsernames(text);
      const found = names.length > 0 ? await d.users.findByUsernames(names) : [];
      const candidates = names.flatMap((n) => found.filter((u) => u.username.toLowerCase() === n).map((u) => u.id));
      return changeMessage(
        d,
        viewerId,
        messageId,
        async (tx, _me, m) => {
          if (m.senderId !== viewerId) throw new ForbiddenError('Only the sender can edit a message');
          if (m.kind !== 'TEXT' && m.kind !== 'MEDIA') {
            throw new ValidationError({ messageId: 'only text messages and captions can be edited' });
          }
          if (m.deletedAt) throw new ValidationError({ messageId: 'the message was deleted' });
          if (m.text === text) return null;
          const members = new Set((await tx.getMembers(candidates)).map((x) => x.userId));
          const mentionIds = candidates.filter((id) => members.has(id));
          return { ...m, text, mentionIds, editedAt: new Date().toISOString() };
        },
        candidates,
      );
    },

    /**
     * Deletes for everyone (the sender, or a group's owner or admin): the text, mentions, reactions and
     * forward details are erased from storage, also from the stored events that carried them, and a
     * tombstone with `deletedAt` stays. Deleting again changes nothing. For the viewer only
     * (`forEveryone: false`): hidden from their history and unread count; nobody else is told.
     */
    async delete(viewerId: string, messageId: string, forEveryone: boolean, asAdministrator = false): Promise<Message> {
      if (!isId(messageId)) throw new NotFoundError('Message');
      if (!forEveryone) {
        const [m] = await d.store.getMessages([messageId]);
        const [member] = m
          ? await d.store.getMemberships([{ conversationId: m.conversationId, userId: viewerId }])
          : [];
        if (!m || !member) throw new NotFoundError('Message');
        await d.store.hideMessage(viewerId, m);
        return m;
      }
      let files: Message['attachments'] = [];
      const deleted = await changeMessage(
        d,
        viewerId,
        messageId,
        async (tx, me, m) => {
          // This may run again after a rollback (see `ConversationStore.write`): only its last run counts.
          files = [];
          if (m.kind === 'SYSTEM') throw new ValidationError({ messageId: 'system messages cannot be deleted' });
          // `me` is null for a server administrator (checked by the caller), who moderates every conversation.
          const moderator = me === null || (tx.conversation.kind === 'GROUP' && MODERATORS.includes(me.role));
          if (m.senderId !== viewerId && !moderator) {
            throw new ForbiddenError('Only the sender, or an owner or admin of the group, can delete this message');
          }
          if (m.deletedAt) return null;
          await tx.clearReactions(m.id);
          const tombstone: Message = {
            ...m,
            text: null,
            format: 'PLAIN',
            mentionIds: [],
            reactions: [],
            forwardedFrom: null,
            attachments: [],
            location: null,
            deletedAt: new Date().toISOString(),
          };
          await tx.redactEvents(tombstone);
          files = m.attachments;
          return tombstone;
        },
        [],
        asAdministrator,
      );
      // After the commit: the blobs go once nothing refers to them (a failed delete leaves them).
      await d.attachments?.discard(files);
      return deleted;
    },
  };
}

/** The message edit service's surface. */
export type MessageEditService = ReturnType<typeof createMessageEditService>;
