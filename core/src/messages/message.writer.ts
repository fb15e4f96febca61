import { createHash, randomUUID } from 'node:crypto';
import type { Attachment, GeoLocation } from '../attachments/attachment.model';
import type { AttachmentService } from '../attachments/attachment.service';
import { writeAsMember } from '../conversations/conversation.writes';
import { withUsers } from '../conversations/user-lookup';
import type { ConversationEvent } from '../events/event.model';
import type { EventPublisher } from '../events/event-publisher';
import type { AbuseLimits } from '../limits/abuse-limits';
import type { ContentFilter } from '../ports/content-filter';
import {
  DuplicateClientMessageIdError,
  type ConversationStore,
  type ConversationTx,
} from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../shared/errors';
import { saveWithEmbeds } from './message-embeds';
import { mentionedUsernames } from './message-text';
import { storedMessage, type ForwardInfo, type Message, type TextFormat } from './message.model';

/** What writing a new message needs. */
export interface MessageWriterDeps {
  store: ConversationStore;
  users: Pick<UserStore, 'findByIds' | 'findByUsernames'>;
  publisher: EventPublisher;
  /** Rate and spam limits; none when omitted (unit tests). */
  limits?: Pick<AbuseLimits, 'sendMessage' | 'duplicateText'> | undefined;
  /** Checks text before it is stored. */
  contentFilter?: ContentFilter | undefined;
  /** Refuses a new message the sender may not send there (a block in a direct conversation). */
  maySend?: ((senderId: string, conversationId: string) => Promise<void>) | undefined;
  /** Inspects and attaches uploads; a send with uploads is refused when omitted. */
  attachments?: Pick<AttachmentService, 'attach' | 'release'> | undefined;
  /** Called after a new message is stored (it ends the sender's typing state). */
  onSent?: ((senderId: string, message: Message) => void) | undefined;
}

/** A new message, validated. */
export interface NewMessage {
  conversationId: string;
  clientMessageId: string;
  /** Empty only with uploads (no caption) or a location. */
  text: string;
  format: TextFormat;
  replyToId: string | null;
  threadRootId: string | null;
  forwardedFrom: ForwardInfo | null;
  uploadIds: string[];
  location: GeoLocation | null;
}

const noRefusal = () => null;
const refused = (error: unknown) => ({ error });

/** Most distinct repliers a thread summary names. */
const THREAD_PARTICIPANTS = 5;

/**
 * Writes new messages: idempotent per (sender, clientMessageId), rate limited, filtered, with the
 * mentioned members, the reply and thread checks made under the conversation's lock, and a thread
 * reply updating its root's summary in the same transaction.
 */
export function createMessageWriter(d: MessageWriterDeps) {
  /** The stored message for a repeated key, or CONFLICT when the key was used for other content. */
  function replay(existing: Message, m: NewMessage): Message {
    // A forward's key names its source and target: forwarding again returns the copy as it is now,
    // also after the source was edited or the copy deleted.
    const forwardAgain = m.forwardedFrom !== null;
    const same =
      existing.conversationId === m.conversationId &&
      (forwardAgain ||
        ((existing.text ?? '') === m.text &&
          existing.attachments.map((a) => a.id).join() === m.uploadIds.join() &&
          JSON.stringify(existing.location) === JSON.stringify(m.location) &&
          existing.format === m.format &&
          existing.replyToId === m.replyToId &&
          existing.threadRootId === m.threadRootId));
    if (!same) throw new ConflictError('clientMessageId was already used for a different message');
    return existing;
  }

  // One bucket after the other, though together they would be one round trip to a shared store: a
  // send refused for its rate, retried by the client's outbox, must not use up its text's repeats.
  async function spendBudget(viewerId: string, m: NewMessage): Promise<void> {
    await d.limits?.sendMessage.consume(viewerId);
    if (m.text === '') return;
    const refused = await d.contentFilter?.check(m.text);
    if (refused) throw new ValidationError({ text: refused });
    // A forward repeats a text on purpose, to each conversation chosen.
    if (!d.limits || m.forwardedFrom) return;
    const digest = createHash('sha256').update(m.text).digest('base64url');
    await d.limits.duplicateText.consume(`${viewerId}:${digest}`).catch((err: unknown) => {
      if (!(err instanceof RateLimitedError)) throw err;
      throw new RateLimitedError(
        err.retryAfterMs,
        'The same message was sent too many times; wait before sending it again',
      );
    });
  }

  async function checkReplies(
    tx: ConversationTx,
    m: NewMessage,
  ): Promise<{ replyTo: Message | null; root: Message | null }> {
    const replyTo = m.replyToId ? await tx.findMessage(m.replyToId) : null;
    if (m.replyToId && replyTo?.conversationId !== m.conversationId) {
      throw new ValidationError({ replyToId: 'must be a message in the same conversation' });
    }
    const root = m.threadRootId ? await tx.findMessage(m.threadRootId) : null;
    if (m.threadRootId) {
      if (root?.conversationId !== m.conversationId) {
        throw new ValidationError({ threadRootId: 'must be a message in the same conversation' });
      }
      if (root.threadRootId) throw new ValidationError({ threadRootId: 'is a reply in a thread; reply to its root' });
      if (root.deletedAt || root.kind === 'SYSTEM') {
        throw new ValidationError({ threadRootId: 'must be a message that can be replied to' });
      }
    }
    return { replyTo, root };
  }

  async function attachFiles(viewerId: string, m: NewMessage, claimKey: string): Promise<Attachment[]> {
    if (m.uploadIds.length === 0) return [];
    if (!d.attachments) throw new ValidationError({ uploadIds: 'attachments are not enabled on this server' });
    return d.attachments.attach(viewerId, m.uploadIds, claimKey);
  }

  async function releaseFiles(m: NewMessage, claimKey: string): Promise<void> {
    if (m.uploadIds.length > 0) await d.attachments?.release(m.uploadIds, claimKey);
  }

  return {
    /** Sends `m` as `viewerId`; a repeat of a stored key returns the stored message and emits nothing. */
    async write(viewerId: string, m: NewMessage): Promise<Message> {
      // Reads that need nothing of each other, asked at once rather than one after the other (a
      // store that batches reads sends them together): the sender's row for the event is read here
      // instead of after the budget, a round trip less on every send. A repeat is still answered
      // with what was stored, also where a new message would now be refused.
      const [prior, refusal, sender] = await Promise.all([
        d.store.findByClientMessageId(viewerId, m.clientMessageId),
        d.maySend?.(viewerId, m.conversationId).then(noRefusal, refused),
        d.users.findByIds([viewerId]),
      ]);
      if (prior) {
        const [member] = await d.store.getMemberships([{ conversationId: prior.conversationId, userId: viewerId }]);
        if (!member) throw new NotFoundError('Conversation');
        return replay(prior, m);
      }
      if (refusal) throw refusal.error;
      // Retries of a stored message (above) are free; only new messages spend the sender's budget.
      await spendBudget(viewerId, m);
      const names = mentionedUsernames(m.text);
      const candidates = names.length > 0 ? await d.users.findByUsernames(names) : [];
      const candidateIds = names.flatMap((n) =>
        candidates.filter((u) => u.username.toLowerCase() === n).map((u) => u.id),
      );
      // A thread reply's event also carries its root, with the root's users.
      const [root] = m.threadRootId ? await d.store.getMessages([m.threadRootId]) : [];
      const rootUsers = root
        ? [
            root.senderId,
            ...root.mentionIds,
            ...root.reactions.flatMap((g) => g.userIds),
            ...(root.thread?.participantIds ?? []),
          ]
        : [];
      // Files are inspected before the conversation is locked: a slow file never holds the lock.
      const claimKey = `${viewerId}:${m.clientMessageId}`;
      const attachments = await attachFiles(viewerId, m, claimKey);
      let outcome: { message: Message; events: ConversationEvent[] };
      try {
        outcome = await withUsers(
          d.users,
          [viewerId, ...candidateIds, ...rootUsers],
          (users) =>
            writeAsMember(d.store, viewerId, m.conversationId, async (tx) => {
              const { replyTo, root } = await checkReplies(tx, m);
              const members = new Set((await tx.getMembers(candidateIds)).map((x) => x.userId));
              const mentionIds = candidateIds.filter((id) => members.has(id));
              // A concurrent retry with the same key is caught by the idempotency index: the transaction
              // then rolls back (no seq used) and the winner is returned below.
              const { message, event } = await tx.appendMessage({
                id: randomUUID(),
                clientMessageId: m.clientMessageId,
                senderId: viewerId,
                kind: attachments.length > 0 ? 'MEDIA' : m.location ? 'LOCATION' : 'TEXT',
                text: m.text === '' ? null : m.text,
                format: m.format,
                replyToId: m.replyToId,
                threadRootId: m.threadRootId,
                forwardedFrom: m.forwardedFrom,
                mentionIds,
                attachments,
                location: m.location,
                sender: users.snapshot(viewerId),
                replyTo: replyTo && storedMessage(replyTo),
                mentions: users.snapshots(mentionIds),
              });
              if (!root) return { message, events: [event] };
              const t = root.thread ?? { replyCount: 0, lastReplyAt: null, participantIds: [] };
              const participantIds = t.participantIds.includes(viewerId)
                ? t.participantIds
                : [...t.participantIds, viewerId].slice(0, THREAD_PARTICIPANTS);
              const thread = { replyCount: t.replyCount + 1, lastReplyAt: message.createdAt, participantIds };
              return { message, events: [event, await saveWithEmbeds(tx, { ...root, thread }, users)] };
            }),
          sender,
        );
      } catch (err) {
        // A concurrent retry holds the same claim: its uploads stay attached to the winner. Any other
        // failure (not a member, no such conversation, …) releases them.
        if (!(err instanceof DuplicateClientMessageIdError)) {
          await releaseFiles(m, claimKey);
          throw err;
        }
        const winner = await d.store.findByClientMessageId(viewerId, m.clientMessageId);
        if (!winner) throw err;
        return replay(winner, m);
      }
      d.publisher.publish(outcome.events);
      d.onSent?.(viewerId, outcome.message);
      return outcome.message;
    },
  };
}

/** The message writer. */
export type MessageWriter = ReturnType<typeof createMessageWriter>;
