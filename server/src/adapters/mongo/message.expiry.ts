import { expiredContent, type Message } from '@parley/core';
import { toMessage } from './message.docs';
import type { MongoTxState } from './message.tx';

/**
 * `ConversationTx.expireMessages` in the conversation's MongoDB transaction: the oldest messages
 * before `before`, passing over a thread's first message while the thread has newer replies, and
 * taking a thread's replies along with its first message.
 */
export async function expireMongoMessages(t: MongoTxState, before: string, limit: number): Promise<Message[]> {
  const { models, session, state } = t;
  const cutoff = new Date(before);
  const chosen: Message[] = [];
  let afterSeq = 0;
  while (chosen.length < limit) {
    const page = await models.messages
      .find({ conversationId: state.id, createdAt: { $lt: cutoff }, seq: { $gt: afterSeq } })
      .sort({ seq: 1 })
      .limit(limit)
      .session(session)
      .lean();
    if (page.length === 0) break;
    afterSeq = page.at(-1)!.seq;
    const alive = new Set(
      (await models.messages
        .distinct('threadRootId', {
          conversationId: state.id,
          threadRootId: { $in: page.map((m) => m._id) },
          createdAt: { $gte: cutoff },
        })
        .session(session)) as string[],
    );
    chosen.push(...page.filter((m) => !alive.has(m._id)).map(toMessage));
  }
  chosen.length = Math.min(chosen.length, limit);
  const roots = chosen.map((m) => m.id);
  const replies = await models.messages
    .find({ conversationId: state.id, threadRootId: { $in: roots }, _id: { $nin: roots } })
    .session(session)
    .lean();
  const doomed = [...chosen, ...replies.map(toMessage)];
  if (doomed.length === 0) return [];
  const ids = doomed.map((m) => m.id);
  await models.messages.deleteMany({ _id: { $in: ids } }, { session });
  await models.reactions.deleteMany({ messageId: { $in: ids } }, { session });
  await models.hidden.deleteMany({ messageId: { $in: ids } }, { session });
  const gone = expiredContent(new Date().toISOString());
  const types = { $in: ['MessageAdded', 'MessageUpdated'] };
  await models.events.updateMany(
    { conversationId: state.id, type: types, 'payload.message.id': { $in: ids } },
    { $set: Object.fromEntries(Object.entries(gone).map(([k, v]) => [`payload.message.${k}`, v])) },
    { session },
  );
  await models.events.updateMany(
    { conversationId: state.id, type: types, 'payload.message.replyTo.id': { $in: ids } },
    { $set: Object.fromEntries(Object.entries(gone).map(([k, v]) => [`payload.message.replyTo.${k}`, v])) },
    { session },
  );
  return doomed;
}
