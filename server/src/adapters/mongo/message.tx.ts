import {
  DuplicateClientMessageIdError,
  REACTORS_LISTED,
  messageFromDraft,
  storedMessage,
  type Conversation,
  type ConversationEvent,
  type ConversationTx,
  type ReactionSummary,
} from '@parley/core';
import type { ClientSession } from 'mongoose';
import type { ChatModels } from './chat.models';
import { toEventDoc, toMessage, toMessageDoc } from './message.docs';

/** What the message writes share with the rest of the transaction. */
export interface MongoTxState {
  models: ChatModels;
  session: ClientSession;
  state: Conversation;
  /** The seq and time the next event gets. */
  next(): { seq: number; createdAt: string };
  /** Records that the event at `seq` was written. */
  advance(seq: number, createdAt: string): void;
  /** Records the conversation's newest message. */
  setLastMessage(id: string): void;
}

const isDuplicateKey = (err: unknown) => (err as { code?: unknown } | null)?.code === 11000;

/** Appends `event` to the log in the transaction. */
export async function insertEvent(t: MongoTxState, event: ConversationEvent): Promise<void> {
  await t.models.events.create([toEventDoc(event)], { session: t.session });
}

/** The writes of messages and reactions of one locked conversation, in its MongoDB transaction. */
export function mongoMessageWrites(
  t: MongoTxState,
): Pick<
  ConversationTx,
  | 'findMessage'
  | 'appendMessage'
  | 'saveMessage'
  | 'redactEvents'
  | 'setReaction'
  | 'reactionSummary'
  | 'clearReactions'
> {
  const { models, session, state } = t;
  return {
    async findMessage(id) {
      const doc = await models.messages.findById(id).session(session).lean();
      return doc ? toMessage(doc) : null;
    },

    async appendMessage(draft) {
      const { sender, replyTo, mentions, ...content } = draft;
      // Looked up first: on MongoDB a duplicate key error aborts the whole transaction, and the
      // contract keeps it usable after a clash. The unique index still settles a race with another
      // conversation's transaction, at the price of that transaction.
      if (content.clientMessageId !== null && content.senderId !== null) {
        const clash = await models.messages
          .exists({ senderId: content.senderId, clientMessageId: content.clientMessageId })
          .session(session);
        if (clash) throw new DuplicateClientMessageIdError();
      }
      const { seq, createdAt } = t.next();
      const message = messageFromDraft(content, state.id, seq, createdAt);
      const event = {
        type: 'MessageAdded',
        message: { ...message, sender, replyTo, mentions },
        conversationId: state.id,
        seq,
        createdAt,
      } as const;
      try {
        await models.messages.create([toMessageDoc(message)], { session });
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateClientMessageIdError();
        throw err;
      }
      await insertEvent(t, event);
      t.advance(seq, createdAt);
      // A thread reply stays in its thread; the conversation's preview is its timeline's last message.
      if (!message.threadRootId) t.setLastMessage(message.id);
      return { message, event };
    },

    async saveMessage(m, embeds) {
      const { seq, createdAt } = t.next();
      const event = {
        type: 'MessageUpdated',
        message: { ...m, ...embeds },
        conversationId: state.id,
        seq,
        createdAt,
      } as const;
      const { _id: _i, conversationId: _c, seq: _s, createdAt: _t, ...changes } = toMessageDoc(storedMessage(m));
      const r = await models.messages.updateOne(
        { _id: m.id, conversationId: state.id },
        { $set: changes },
        { session },
      );
      if (r.matchedCount === 0) throw new Error(`no message ${m.id} in this conversation`);
      await insertEvent(t, event);
      t.advance(seq, createdAt);
      return event;
    },

    async redactEvents(tombstone) {
      // As JSON, so the stored payloads keep the shape subscribers were sent.
      const row = JSON.parse(JSON.stringify({ ...storedMessage(tombstone), mentions: [] })) as Record<string, unknown>;
      const types = { $in: ['MessageAdded', 'MessageUpdated'] };
      const fields = Object.fromEntries(Object.entries(row).map(([k, v]) => [`payload.message.${k}`, v]));
      await models.events.updateMany(
        { conversationId: state.id, type: types, 'payload.message.id': tombstone.id },
        { $set: fields },
        { session },
      );
      await models.events.updateMany(
        { conversationId: state.id, type: types, 'payload.message.replyTo.id': tombstone.id },
        { $set: { 'payload.message.replyTo': row } },
        { session },
      );
    },

    async setReaction(messageId, userId, emoji, on) {
      if (!on) {
        const r = await models.reactions.deleteOne({ messageId, emoji, userId }, { session });
        return r.deletedCount > 0;
      }
      // An upsert, not an insert: a second reaction must not fail (and abort) the transaction.
      const r = await models.reactions.updateOne(
        { messageId, emoji, userId },
        { $setOnInsert: { createdAt: new Date() } },
        { upsert: true, session },
      );
      return r.upsertedCount > 0;
    },

    async reactionSummary(messageId) {
      const docs = await models.reactions.find({ messageId }).sort({ createdAt: 1, userId: 1 }).session(session).lean();
      const byEmoji = new Map<string, ReactionSummary & { first: number }>();
      for (const d of docs) {
        const g = byEmoji.get(d.emoji) ?? { emoji: d.emoji, count: 0, userIds: [], first: d.createdAt.getTime() };
        g.count += 1;
        if (g.userIds.length < REACTORS_LISTED) g.userIds.push(d.userId);
        byEmoji.set(d.emoji, g);
      }
      return [...byEmoji.values()]
        .sort((a, b) => a.first - b.first || a.emoji.localeCompare(b.emoji))
        .map(({ first: _f, ...g }) => g);
    },

    async clearReactions(messageId) {
      await models.reactions.deleteMany({ messageId }, { session });
    },
  };
}
