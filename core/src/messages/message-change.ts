import { writeAsMember } from '../conversations/conversation.writes';
import { withUsers, type UserLookup } from '../conversations/user-lookup';
import type { Member } from '../conversations/conversation.model';
import type { ConversationEvent } from '../events/event.model';
import type { EventPublisher } from '../events/event-publisher';
import type { ConversationStore, ConversationTx } from '../ports/conversation.store';
import type { UserStore } from '../ports/user.store';
import { NotFoundError } from '../shared/errors';
import { isId } from '../shared/validate';
import { saveWithEmbeds } from './message-embeds';
import { REACTORS_SHOWN, type Message } from './message.model';

/** What changing a message needs. */
export interface MessageChangeDeps {
  store: ConversationStore;
  users: Pick<UserStore, 'findByIds'>;
  publisher: EventPublisher;
}

/** Decides a message's next state under its conversation's lock; null leaves it as it is. `me` is null for a server administrator. */
export type MessageChange = (
  tx: ConversationTx,
  me: Member | null,
  current: Message,
  users: UserLookup,
) => Promise<Message | null>;

/**
 * Changes a message the viewer can see: under the conversation's lock, `change` gets the message as
 * it is now and returns its next state, which is stored with a MessageUpdated event and published.
 * NOT_FOUND for a message that does not exist or is in a conversation the viewer is not in.
 */
export async function changeMessage(
  d: MessageChangeDeps,
  viewerId: string,
  messageId: string,
  change: MessageChange,
  extraUserIds: readonly string[] = [],
  /** A server administrator acting on a conversation they need not be in (moderation). */
  asAdministrator = false,
): Promise<Message> {
  if (!isId(messageId)) throw new NotFoundError('Message');
  const [m] = await d.store.getMessages([messageId]);
  if (!m) throw new NotFoundError('Message');
  // The users its event will embed, as far as they can be known before the lock.
  const reactors = m.reactions.flatMap((g) => g.userIds.slice(0, REACTORS_SHOWN));
  const participants = m.thread?.participantIds ?? [];
  const { message, events } = await withUsers(
    d.users,
    [viewerId, m.senderId, ...m.mentionIds, ...reactors, ...participants, ...extraUserIds],
    (users) => {
      const apply = async (tx: ConversationTx, me: Member | null) => {
        const current = await tx.findMessage(messageId);
        if (!current) throw new NotFoundError('Message');
        const next = await change(tx, me, current, users);
        if (!next) return { message: current, events: [] as ConversationEvent[] };
        return { message: next, events: [await saveWithEmbeds(tx, next, users)] };
      };
      if (!asAdministrator) return writeAsMember(d.store, viewerId, m.conversationId, apply);
      return d.store
        .write(m.conversationId, (tx) => apply(tx, null))
        .then((out) => {
          if (!out) throw new NotFoundError('Message');
          return out.result;
        });
    },
  );
  d.publisher.publish(events);
  return message;
}
