import type { AbuseLimits } from '../limits/abuse-limits';
import { changeMessage, type MessageChangeDeps } from '../messages/message-change';
import type { Message } from '../messages/message.model';
import { NotFoundError, ValidationError } from '../shared/errors';
import { isId } from '../shared/validate';
import { isOneEmoji } from './emoji';

/** Most distinct emoji on one message. */
export const MAX_REACTION_EMOJI = 20;

/** Settings of {@link createReactionService}. */
export interface ReactionServiceDeps extends MessageChangeDeps {
  limits?: Pick<AbuseLimits, 'react'> | undefined;
}

/** Reactions: one emoji per reaction, idempotent, each change a MessageUpdated event. */
export function createReactionService(d: ReactionServiceDeps) {
  async function set(viewerId: string, messageId: string, emoji: string, on: boolean): Promise<Message> {
    if (!isId(messageId)) throw new NotFoundError('Message');
    if (!isOneEmoji(emoji)) throw new ValidationError({ emoji: 'must be a single emoji' });
    await d.limits?.react.consume(viewerId);
    return changeMessage(d, viewerId, messageId, async (tx, _me, m) => {
      if (m.deletedAt) throw new ValidationError({ messageId: 'the message was deleted' });
      if (m.kind === 'SYSTEM') throw new ValidationError({ messageId: 'system messages take no reactions' });
      if (on && m.reactions.length >= MAX_REACTION_EMOJI && !m.reactions.some((g) => g.emoji === emoji)) {
        throw new ValidationError({ emoji: `a message has at most ${MAX_REACTION_EMOJI} different emoji` });
      }
      // Reacting twice, or removing a reaction that is not there, changes nothing and tells no one.
      if (!(await tx.setReaction(m.id, viewerId, emoji, on))) return null;
      return { ...m, reactions: await tx.reactionSummary(m.id) };
    });
  }
  return {
    add: (viewerId: string, messageId: string, emoji: string) => set(viewerId, messageId, emoji, true),
    remove: (viewerId: string, messageId: string, emoji: string) => set(viewerId, messageId, emoji, false),
  };
}

/** The reaction service's surface. */
export type ReactionService = ReturnType<typeof createReactionService>;
