import type { UserLookup } from '../conversations/user-lookup';
import type { ConversationTx, MessageEmbeds } from '../ports/conversation.store';
import { REACTORS_SHOWN, storedMessage, type Message } from './message.model';

/**
 * What an event about `message` carries so that subscribers need no lookup: the sender, the message
 * replied to (one level deep), the mentioned users and the first reactors of each emoji.
 */
export async function embedsOf(
  tx: ConversationTx,
  message: Message,
  users: UserLookup,
): Promise<{ message: Message; embeds: MessageEmbeds }> {
  const replied = message.replyToId ? await tx.findMessage(message.replyToId) : null;
  return {
    message: {
      ...message,
      // Users who came while this write waited for the lock are left to the reader to load.
      reactions: message.reactions.map((g) => ({
        ...g,
        users: users.loadedPrefix(g.userIds.slice(0, REACTORS_SHOWN)),
      })),
      thread: message.thread && { ...message.thread, participants: users.loadedPrefix(message.thread.participantIds) },
    },
    embeds: {
      sender: users.snapshot(message.senderId),
      replyTo: replied && storedMessage(replied),
      mentions: users.snapshots(message.mentionIds),
    },
  };
}

/** Saves a changed message with the embeds of its MessageUpdated event. */
export async function saveWithEmbeds(tx: ConversationTx, message: Message, users: UserLookup) {
  const { message: withUsers, embeds } = await embedsOf(tx, message, users);
  return tx.saveMessage(withUsers, embeds);
}
