import { createHash, randomUUID } from 'node:crypto';
import type { ContentFilter } from '../ports/content-filter';
import { DuplicateClientMessageIdError, type ConversationStore } from '../ports/conversation.store';
import type { EventBus } from '../ports/event.bus';
import type { UserStore } from '../ports/user.store';
import type { ConversationEvent, Message } from './chat.model';
import { snapshotUser } from './conversation-writes';
import type { AbuseLimits } from './abuse-limits';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from './errors';
import { userChannel, type EventPublisher, type JoinedNotice } from './event-publisher';
import { EventStream, type StreamDeps } from './event-stream';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from './validate';

/** Longest message text, in code points. */
export const MAX_MESSAGE_LENGTH = 10_000;

/** Settings of {@link createMessageService}. */
export interface MessageServiceDeps extends StreamDeps {
  store: ConversationStore;
  users: UserStore;
  bus: EventBus;
  publisher: EventPublisher;
  /** Rate and spam limits; none when omitted (unit tests). */
  limits?: Pick<AbuseLimits, 'sendMessage' | 'duplicateText'>;
  /** Checks text before it is stored. */
  contentFilter?: ContentFilter;
  /** Called after a new message is stored (it ends the sender's typing state). */
  onSent?: (senderId: string, conversationId: string) => void;
}

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Sending, history and event subscriptions. */
export function createMessageService(d: MessageServiceDeps) {
  async function checkMember(viewerId: string, conversationId: string): Promise<void> {
    const [m] = await d.store.getMemberships([{ conversationId, userId: viewerId }]);
    if (!m) throw new NotFoundError('Conversation');
  }

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
        await checkMember(viewerId, prior.conversationId);
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
          let message: Message | undefined;
          const event = await tx.appendEvent((seq, createdAt) => {
            message = {
              id: randomUUID(),
              conversationId: input.conversationId,
              seq,
              clientMessageId: input.clientMessageId,
              senderId: viewerId,
              kind: 'TEXT',
              text,
              replyToId,
              createdAt,
              editedAt: null,
              deletedAt: null,
            };
            return {
              type: 'MessageAdded',
              message: { ...message, sender: snapshotUser(sender), replyTo: replyTo && { ...replyTo, replyTo: null } },
            };
          });
          await tx.insertMessage(message!);
          return { message: message!, event };
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
      await checkMember(viewerId, args.conversationId);
      return d.store.history(args.conversationId, args);
    },

    /** Events of one conversation: replay after `afterSeq`, then live; ends after the viewer leaves. */
    async conversationEvents(viewerId: string, conversationId: string, afterSeq: number | null): Promise<EventStream> {
      if (afterSeq !== null && (!Number.isInteger(afterSeq) || afterSeq < 0)) {
        throw new ValidationError({ afterSeq: 'must be a non-negative integer' });
      }
      if (!isId(conversationId)) throw new NotFoundError('Conversation');
      const stream = new EventStream(d, viewerId, 'end');
      await stream.follow(conversationId, afterSeq, () => checkMember(viewerId, conversationId));
      return stream;
    },

    /** Live events of every conversation the viewer belongs to, including ones joined later. */
    async inboxEvents(viewerId: string): Promise<EventStream> {
      let unsubscribe: () => void = () => undefined;
      const stream = new EventStream(d, viewerId, 'drop', () => unsubscribe());
      unsubscribe = await d.bus.subscribe(userChannel(viewerId), (msg) => {
        const notice = msg as JoinedNotice;
        if (notice?.type !== 'joined') return;
        stream
          .follow(notice.conversationId, notice.fromSeq - 1, () => checkMember(viewerId, notice.conversationId))
          .catch(() => undefined);
      });
      const ids = await d.store.conversationIdsOf(viewerId);
      await Promise.all(ids.map((id) => stream.follow(id, null)));
      return stream;
    },
  };
}

/** The message service's surface. */
export type MessageService = ReturnType<typeof createMessageService>;
