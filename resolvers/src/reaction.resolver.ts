import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { Message, PerViewer, ReactionGroup, User } from '@parley/schema';
import { ValidationError } from '@parley/core';
import { viewerOf, type Context } from './context';

type Group = domain.ReactionSummary & { messageId: string };

/** Adding and removing reactions, and who reacted. */
@Resolver(() => ReactionGroup)
export class ReactionResolver {
  @Authorized()
  @Mutation(() => Message, {
    description:
      'Reacts with one emoji (a single emoji grapheme). Idempotent; at most 20 different emoji per message. Emits MessageUpdated when it changed something.',
  })
  addReaction(
    @Arg('messageId', () => ID, { description: 'The message.' }) messageId: string,
    @Arg('emoji', () => String, { description: 'One emoji.' }) emoji: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.reactions.add(viewerOf(ctx).userId, messageId, emoji);
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Removes the viewer’s reaction with this emoji, if any.' })
  removeReaction(
    @Arg('messageId', () => ID, { description: 'The message.' }) messageId: string,
    @Arg('emoji', () => String, { description: 'The emoji.' }) emoji: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.reactions.remove(viewerOf(ctx).userId, messageId, emoji);
  }

  @PerViewer()
  @FieldResolver(() => Boolean, { description: 'Whether the viewer reacted with this emoji.' })
  async reactedByMe(@Root() g: Group, @Ctx() ctx: Context) {
    const viewerId = viewerOf(ctx).userId;
    if (g.userIds.includes(viewerId)) return true;
    // The summary lists the first reactors; past them only the reactions themselves can tell.
    if (g.count <= g.userIds.length) return false;
    return (await ctx.loaders.reactionsBy.load(`${viewerId}:${g.messageId}`)).has(g.emoji);
  }

  @FieldResolver(() => [User], { description: 'The first people who reacted, in the order they did.' })
  async users(
    @Root() g: Group,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many, 1–50.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw new ValidationError({ first: 'must be between 1 and 50' });
    if (g.users && g.users.length >= Math.min(first, g.userIds.length)) return g.users.slice(0, first);
    const users = await ctx.loaders.users.loadMany(g.userIds.slice(0, first));
    return users.filter((u): u is domain.User => !!u && !(u instanceof Error));
  }
}
