import { REACTORS_LISTED, type ReactionSummary } from '../messages/message.model';

/** One user's reaction with one emoji. */
export interface Reaction {
  emoji: string;
  userId: string;
}

/** Reactions (in the order made) as a message's summary: per emoji in order of first use. */
export function summarize(reactions: readonly Reaction[]): ReactionSummary[] {
  const byEmoji = new Map<string, ReactionSummary>();
  for (const r of reactions) {
    const group = byEmoji.get(r.emoji) ?? { emoji: r.emoji, count: 0, userIds: [] };
    group.count++;
    if (group.userIds.length < REACTORS_LISTED) group.userIds.push(r.userId);
    byEmoji.set(r.emoji, group);
  }
  return [...byEmoji.values()];
}
