import { createHash, randomUUID } from 'node:crypto';
import type { ContentFilter } from '../ports/content-filter';
import { DuplicateClientMessageIdError, type ConversationStore } from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import type { ConversationEvent } from '../events/event.model';
import type { Message } from './message.model';
import { snapshotUser } from '../users/user.model';
import type { AbuseLimits } from '../limits/abuse-limits';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../shared/errors';
import type { EventPublisher } from '../events/event-publisher';
import { requireMember } from '../conversations/conversation.writes';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';

/** Longest message text, in code points. */
export const MAX_MESSAGE_LENGTH = 10_000;

/** Settings of {@link createMessageService}. */
export interface MessageServiceDeps {
  store: ConversationStore;
  users: UserStore;
  publisher: EventPublisher;
  /** Rate and spam limits; none when omitted (unit tests). */
  limits?: Pick<AbuseLimits, 'sendMessage' | 'duplicateText'>;
  /** Checks text before it is stored. */
  contentFilter?: ContentFilter;
  /** Called after a new message is stored (it ends the sender's typing state). */
  onSent?: (senderId: string, conversationId: string) => void;
}

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Sending messages and reading history. */
export function createMessageService(d: MessageServiceDeps) {
  /** Returns the stored message for a repeated key, or CONFLICT when the key was used for other content. */
  function replay(existing: Message, conversationId: string, text: string, replyToId: string | null): Message {
    if (existing.conversationId !== conversationId || existing.text !== text || existing.replyToId !== replyToId) {
      throw new ConflictError('clientMessageId was already used for a different message');
    }
    return existing;
  }

  return {
    async send(
      viewerId: string,
      input: { conversationId: string; clientMessageId: string; text: string; replyToId?: string | null },
    ): Promise<Message> {
      const errors = new FieldErrors();
      const text = input.text.replace(/\r\n?/g, '\n').trim();
      const len = codePointLength(text);
      errors.check(!isId(input.conversationId), 'conversationId', 'must be a valid ID');
      errors.check(
        !CLIENT_ID.test(input.clientMessageId),
        'clientMessageId',
        'must be 1 to 100 characters of A-Z, a-z, 0-9, _ . : -',
      );
      errors.check(len < 1, 'text', 'must not be empty');
      errors.check(len > MAX_MESSAGE_LENGTH, 'text', `must be at most ${MAX_MESSAGE_LENGTH} characters`);
      errors.check(hasForbiddenChars(text), 'text', 'must not contain control characters other than newline and tab');
      const replyToId = input.replyToId ?? null;
      errors.check(replyToId !== null && !isId(replyToId), 'replyToId', 'must be a valid ID');
      errors.throwIfAny();

      const prior = await d.store.findByClientMessageId(viewerId, input.clientMessageId);
      if (prior) {
        await requireMember(d.store, viewerId, prior.conversationId);
        return replay(prior, input.conversationId, text, replyToId);
      }
      // Retries of a stored message (above) are free; only new messages spend the sender's budget.
      await d.limits?.sendMessage.consume(viewerId);
      const refused = await d.contentFilter?.check(text);
      if (refused) throw new ValidationError({ text: refused });
      if (d.limits) {
        const digest = createHash('sha256').update(text).digest('base64url');
        await d.limits.duplicateText.consume(`${viewerId}:${digest}`).catch((err: unknown) => {
          if (err instanceof RateLimitedError) {
            throw new RateLimitedError(
              err.retryAfterMs,
              'The same message was sent too many times; wait before sending it again',
            );
          }
          throw err;
        });
      }
      const [sender] = await d.users.findByIds([viewerId]);
      if (!sender) throw new NotFoundError('User');
      let outcome: { message: Message; event: ConversationEvent } | null;
      try {
        const res = await d.store.write(input.conversationId, async (tx) => {
          if (!(await tx.getMember(viewerId))) throw new NotFoundError('Conversation');
          // A concurrent retry with the same key is caught by the idempotency index when the message is
          // inserted: the transaction then rolls back (no seq used) and the winner is returned below.
          let replyTo: Message | null = null;
          if (replyToId) {
            replyTo = await tx.findMessage(replyToId);
            if (!replyTo || replyTo.conversationId !== input.conversationId) {
              throw new ValidationError({ replyToId: 'must be a message in the same conversation' });
            }
          }
          return tx.appendMessage({
            id: randomUUID(),
            clientMessageId: input.clientMessageId,
            senderId: viewerId,
            kind: 'TEXT',
            text,
            replyToId,
            sender: snapshotUser(sender),
            replyTo: replyTo && { ...replyTo, replyTo: null },
          });
        });
        outcome = res ? res.result : null;
      } catch (err) {
        if (!(err instanceof DuplicateClientMessageIdError)) throw err;
        const winner = await d.store.findByClientMessageId(viewerId, input.clientMessageId);
        if (!winner) throw err;
        return replay(winner, input.conversationId, text, replyToId);
      }
      if (!outcome) throw new NotFoundError('Conversation');
      d.publisher.publish([outcome.event]);
      d.onSent?.(viewerId, input.conversationId);
      return outcome.message;
    },

    async history(
      viewerId: string,
      args: { conversationId: string; beforeSeq?: number | null; afterSeq?: number | null; limit: number },
    ) {
      const errors = new FieldErrors();
      errors.check(
        !Number.isInteger(args.limit) || args.limit < 1 || args.limit > 200,
        'limit',
        'must be between 1 and 200',
      );
      errors.check(args.beforeSeq != null && args.beforeSeq < 1, 'beforeSeq', 'must be at least 1');
      errors.check(args.afterSeq != null && args.afterSeq < 0, 'afterSeq', 'must be at least 0');
      errors.throwIfAny();
      if (!isId(args.conversationId)) throw new NotFoundError('Conversation');
      await requireMember(d.store, viewerId, args.conversationId);
      return d.store.history(args.conversationId, args);
    },
  };
}

/** The message service's surface. */
export type MessageService = ReturnType<typeof createMessageService>;
