import { FieldErrors, isId } from '../shared/validate';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { Message } from './message.model';
import { createMessageWriter, type MessageWriterDeps } from './message.writer';

/** Most conversations one forward reaches. */
export const MAX_FORWARD_TARGETS = 20;

/** Forwarding messages to other conversations. */
export function createForwardService(d: MessageWriterDeps) {
  const writer = createMessageWriter(d);
  return {
    /**
     * Copies a message into up to 20 conversations the viewer belongs to, as new messages of the
     * viewer's with `forwardedFrom` (the original sender's name and time, never their id). Each copy
     * is its own event; forwarding the same message to the same conversation again returns the copy.
     */
    async forward(viewerId: string, messageId: string, conversationIds: readonly string[]): Promise<Message[]> {
      const errors = new FieldErrors();
      const targets = [...new Set(conversationIds)];
      errors.check(!isId(messageId), 'messageId', 'must be a valid ID');
      errors.check(targets.length === 0, 'conversationIds', 'must name at least one conversation');
      errors.check(targets.length > MAX_FORWARD_TARGETS, 'conversationIds', `must name at most ${MAX_FORWARD_TARGETS}`);
      errors.check(
        targets.some((id) => !isId(id)),
        'conversationIds',
        'must be valid IDs',
      );
      errors.throwIfAny();
      const [source] = await d.store.getMessages([messageId]);
      const memberships = await d.store.getMemberships(
        [source?.conversationId ?? '', ...targets]
          .filter(isId)
          .map((conversationId) => ({ conversationId, userId: viewerId })),
      );
      const mine = new Set(memberships.map((m) => m.conversationId));
      if (!source || !mine.has(source.conversationId)) throw new NotFoundError('Message');
      const foreign = targets.filter((id) => !mine.has(id));
      if (foreign.length > 0) throw new NotFoundError('Conversation');
      // A copy of files would share blobs with the original, which its deletion removes; so not yet.
      if (source.deletedAt || (source.kind !== 'TEXT' && source.kind !== 'LOCATION')) {
        throw new ValidationError({
          messageId: 'only text and location messages that were not deleted can be forwarded',
        });
      }
      const [sender] = source.senderId ? await d.users.findByIds([source.senderId]) : [];
      const forwardedFrom = source.forwardedFrom ?? {
        originalSenderName: sender?.displayName ?? 'Someone',
        originalSentAt: source.createdAt,
      };
      // Every target is checked first, so a refused one does not leave the others half forwarded.
      for (const conversationId of targets) await d.maySend?.(viewerId, conversationId);
      const copies: Message[] = [];
      for (const conversationId of targets) {
        copies.push(
          await writer.write(viewerId, {
            conversationId,
            clientMessageId: `fwd:${source.id}:${conversationId}`,
            text: source.text ?? '',
            format: source.format,
            replyToId: null,
            threadRootId: null,
            forwardedFrom,
            uploadIds: [],
            location: source.location,
          }),
        );
      }
      return copies;
    },
  };
}

/** The forward service's surface. */
export type ForwardService = ReturnType<typeof createForwardService>;
