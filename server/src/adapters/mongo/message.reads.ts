import type { ConversationStore, HistoryRange } from '@parley/core';
import type { FilterQuery } from 'mongoose';
import type { Queryable } from '../postgres/database';
import type { ChatModels, MessageDoc } from './chat.models';
import { toMessage } from './message.docs';

/** What the MongoDB side reads: messages, the event log, reactions and hidden messages. */
export type MongoReads = Pick<
  ConversationStore,
  | 'getMessages'
  | 'findByClientMessageId'
  | 'history'
  | 'eventsAfter'
  | 'memberLeftSeq'
  | 'unreadCounts'
  | 'reactionsBy'
  | 'hideMessage'
>;

/**
 * The message store's reads from MongoDB. Read markers stay with the members in PostgreSQL (`db`),
 * so unread counts read the markers there and count the messages here.
 */
export function mongoMessageReads(db: Queryable, models: ChatModels): MongoReads {
  const hiddenIds = async (userId: string, conversationIds: readonly string[]) =>
    (await models.hidden.find({ userId, conversationId: { $in: conversationIds } }).lean()).map((h) => h.messageId);

  return {
    async getMessages(ids) {
      if (ids.length === 0) return [];
      return (await models.messages.find({ _id: { $in: ids } }).lean()).map(toMessage);
    },

    async findByClientMessageId(senderId, clientMessageId) {
      const doc = await models.messages.findOne({ senderId, clientMessageId }).lean();
      return doc ? toMessage(doc) : null;
    },

    async history(conversationId, r: HistoryRange) {
      const { beforeSeq, afterSeq, limit } = r;
      // The timeline (no thread replies) or one thread's replies, without what the viewer hid.
      const base: FilterQuery<MessageDoc> = { conversationId, threadRootId: r.threadRootId ?? null };
      if (r.hiddenFor) base._id = { $nin: await hiddenIds(r.hiddenFor, [conversationId]) };
      const forward = afterSeq != null && beforeSeq == null;
      const seq: Record<string, number> = {};
      if (beforeSeq != null) seq['$lt'] = beforeSeq;
      if (afterSeq != null) seq['$gt'] = afterSeq;
      const docs = await models.messages
        .find(Object.keys(seq).length > 0 ? { ...base, seq } : base)
        .sort({ seq: forward ? 1 : -1 })
        .limit(limit + 1)
        .lean();
      const more = docs.length > limit;
      const page = docs.slice(0, limit).map(toMessage);
      if (!forward) page.reverse();
      const first = page[0];
      const last = page[page.length - 1];
      const exists = async (op: '$lte' | '$gte', at: number) =>
        (await models.messages.exists({ ...base, seq: { [op]: at } })) !== null;
      if (forward) {
        return {
          messages: page,
          hasMoreAfter: more,
          hasMoreBefore: await exists('$lte', first ? first.seq - 1 : (afterSeq ?? 0)),
        };
      }
      return {
        messages: page,
        // With a lower bound too, older messages outside the window still count.
        hasMoreBefore: more || (afterSeq != null && (await exists('$lte', first ? first.seq - 1 : afterSeq))),
        hasMoreAfter: beforeSeq == null ? false : await exists('$gte', last ? last.seq + 1 : beforeSeq),
      };
    },

    async eventsAfter(conversationId, afterSeq, limit) {
      const docs = await models.events
        .find({ conversationId, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => d.payload) as unknown as Awaited<ReturnType<ConversationStore['eventsAfter']>>;
    },

    async memberLeftSeq(conversationId, userId, afterSeq, upToSeq) {
      const doc = await models.events
        .findOne({
          conversationId,
          type: 'MemberLeft',
          'payload.userId': userId,
          seq: { $gt: afterSeq, $lte: upToSeq },
        })
        .sort({ seq: 1 })
        .lean();
      return doc?.seq ?? null;
    },

    async unreadCounts(userId, conversationIds) {
      const result = new Map(conversationIds.map((id) => [id, { messages: 0, mentions: 0 }]));
      if (conversationIds.length === 0) return result;
      const { rows } = await db.query<{ conversation_id: string; last_read_seq: number }>(
        'SELECT conversation_id, last_read_seq FROM members WHERE user_id = $1 AND conversation_id = ANY($2::uuid[])',
        [userId, conversationIds],
      );
      if (rows.length === 0) return result;
      const hidden = await hiddenIds(
        userId,
        rows.map((r) => r.conversation_id),
      );
      const match: FilterQuery<MessageDoc> = {
        $or: rows.map((r) => ({ conversationId: r.conversation_id, seq: { $gt: r.last_read_seq } })),
        senderId: { $ne: userId },
        kind: { $ne: 'SYSTEM' },
        deletedAt: null,
        threadRootId: null,
        _id: { $nin: hidden },
      };
      // Two groupings rather than one with a conditional sum: the same answer, and simpler plans.
      const count = (filter: FilterQuery<MessageDoc>) =>
        models.messages.aggregate<{ _id: string; n: number }>([
          { $match: filter },
          { $group: { _id: '$conversationId', n: { $sum: 1 } } },
        ]);
      const [all, mentioned] = await Promise.all([count(match), count({ ...match, mentionIds: userId })]);
      for (const g of all) result.set(g._id, { messages: g.n, mentions: 0 });
      for (const g of mentioned) result.set(g._id, { messages: result.get(g._id)?.messages ?? g.n, mentions: g.n });
      return result;
    },

    async reactionsBy(userId, messageIds) {
      const out = new Map<string, Set<string>>();
      if (messageIds.length === 0) return out;
      const docs = await models.reactions.find({ userId, messageId: { $in: messageIds } }).lean();
      for (const d of docs) out.set(d.messageId, (out.get(d.messageId) ?? new Set()).add(d.emoji));
      return out;
    },

    async hideMessage(userId, message) {
      await models.hidden.updateOne(
        { userId, messageId: message.id },
        { $setOnInsert: { conversationId: message.conversationId } },
        { upsert: true },
      );
    },
  };
}
