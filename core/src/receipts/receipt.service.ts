import type { Member } from '../conversations/conversation.model';
import type { Message } from '../messages/message.model';
import type { ConversationStore } from '../ports/conversation.store';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { isId } from '../shared/validate';
import type { ReceiptAnnouncer } from './receipt-announcer';
import type { MessageReceipt } from './receipt.model';

/** Settings of {@link createReceiptService}. */
export interface ReceiptServiceDeps {
  store: ConversationStore;
  announcer: Pick<ReceiptAnnouncer, 'moved'>;
}

/** Members other than the sender who were in the conversation when the message was sent. */
const recipientsOf = (m: Message, members: readonly Member[]) =>
  members.filter((k) => k.userId !== m.senderId && k.joinedSeq < m.seq);

/**
 * The receipt of `m` from the conversation's members. A member who turned read receipts off counts
 * as delivered but never as read; a sender who did sees no read state at all.
 */
export function receiptOf(m: Message, members: readonly Member[], senderSharesReads: boolean): MessageReceipt {
  const recipients = recipientsOf(m, members);
  const deliveredCount = recipients.filter((k) => k.lastDeliveredSeq >= m.seq).length;
  const readCount = senderSharesReads ? recipients.filter((k) => k.readReceipts && k.lastReadSeq >= m.seq).length : 0;
  const n = recipients.length;
  const status = n > 0 && readCount === n ? 'READ' : n > 0 && deliveredCount === n ? 'DELIVERED' : 'SENT';
  return { status, deliveredCount, readCount, recipientCount: n };
}

/** Read and delivery markers, and the receipts of the viewer's own messages they make. */
export function createReceiptService(d: ReceiptServiceDeps) {
  async function mark(viewerId: string, conversationId: string, seq: number, read: boolean): Promise<Member> {
    if (!isId(conversationId)) throw new NotFoundError('Conversation');
    if (!Number.isInteger(seq) || seq < 0) throw new ValidationError({ seq: 'must be a non-negative integer' });
    const r = read
      ? await d.store.markRead(conversationId, viewerId, seq)
      : await d.store.markDelivered(conversationId, viewerId, seq);
    if (r === null) throw new NotFoundError('Conversation');
    if (r === 'tooHigh') throw new ValidationError({ seq: 'is beyond the newest event of the conversation' });
    d.announcer.moved(conversationId);
    return r;
  }

  return {
    /** Raises the viewer's read marker (and delivery marker) to `seq`; it never moves back. */
    markRead: (viewerId: string, conversationId: string, seq: number) => mark(viewerId, conversationId, seq, true),
    /** Raises the viewer's delivery marker to `seq`; it never moves back. */
    markDelivered: (viewerId: string, conversationId: string, seq: number) =>
      mark(viewerId, conversationId, seq, false),

    /** Receipts of `messages` for the viewer: the viewer's own messages get one, others null. */
    async receiptsFor(viewerId: string, messages: readonly Message[]): Promise<(MessageReceipt | null)[]> {
      const own = messages.filter((m) => m.senderId === viewerId && m.kind !== 'SYSTEM');
      const byConversation = new Map<string, Member[]>();
      // One query per conversation, however many messages and members.
      for (const id of new Set(own.map((m) => m.conversationId))) {
        byConversation.set(id, await d.store.receiptMarkers(id));
      }
      return messages.map((m) => {
        const members = m.senderId === viewerId ? byConversation.get(m.conversationId) : undefined;
        if (!members) return null;
        const me = members.find((k) => k.userId === viewerId);
        return me ? receiptOf(m, members, me.readReceipts) : null;
      });
    },

    /** Who read one of the viewer's own messages, in join order, after the member `afterUserId`. */
    async readers(viewerId: string, messageId: string, first: number, afterUserId: string | null): Promise<Member[]> {
      if (!Number.isInteger(first) || first < 1 || first > 200)
        throw new ValidationError({ first: 'must be between 1 and 200' });
      if (afterUserId !== null && !isId(afterUserId)) throw new ValidationError({ after: 'must be a valid ID' });
      if (!isId(messageId)) throw new NotFoundError('Message');
      const [m] = await d.store.getMessages([messageId]);
      const members = m ? await d.store.receiptMarkers(m.conversationId) : [];
      const me = members.find((k) => k.userId === viewerId);
      if (!m || !me) throw new NotFoundError('Message');
      if (m.senderId !== viewerId) throw new ForbiddenError('Only the sender sees who read a message');
      if (!me.readReceipts) return [];
      const readers = recipientsOf(m, members).filter((k) => k.readReceipts && k.lastReadSeq >= m.seq);
      const start = afterUserId === null ? 0 : readers.findIndex((k) => k.userId === afterUserId) + 1;
      return afterUserId !== null && start === 0 ? [] : readers.slice(start, start + first);
    },
  };
}

/** The receipt service's surface. */
export type ReceiptService = ReturnType<typeof createReceiptService>;
