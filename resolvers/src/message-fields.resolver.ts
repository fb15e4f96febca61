import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { Message, MessageReceipt, PerViewer, ReactionGroup, ThreadSummary, User } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** The parts of a message that come from elsewhere: users, the reply, reactions, thread and receipt. */
@Resolver(() => Message)
export class MessageFieldsResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who sent it; null for system messages.' })
  sender(@Root() m: domain.Message, @Ctx() ctx: Context) {
    if (m.sender !== undefined) return m.sender;
    return m.senderId ? ctx.loaders.users.load(m.senderId) : null;
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The message this one replies to, if any.' })
  replyTo(@Root() m: domain.Message, @Ctx() ctx: Context) {
    if (m.replyTo !== undefined) return m.replyTo;
    return m.replyToId ? ctx.loaders.messages.load(m.replyToId) : null;
  }

  @FieldResolver(() => [User], { description: 'Members mentioned as @username, in order of first mention.' })
  async mentions(@Root() m: domain.Message, @Ctx() ctx: Context) {
    if (m.mentions !== undefined) return m.mentions;
    const users = await ctx.loaders.users.loadMany(m.mentionIds);
    return users.filter((u): u is domain.User => !!u && !(u instanceof Error));
  }

  @FieldResolver(() => [ReactionGroup], { description: 'Reactions, one group per emoji, in order of first use.' })
  reactions(@Root() m: domain.Message) {
    return m.reactions.map((g) => ({ ...g, messageId: m.id }));
  }

  @FieldResolver(() => ThreadSummary, {
    nullable: true,
    description: 'On a thread root: its replies; null when nobody replied in a thread.',
  })
  thread(@Root() m: domain.Message) {
    return m.thread;
  }

  @PerViewer()
  @FieldResolver(() => MessageReceipt, {
    nullable: true,
    description: 'On the viewer’s own text messages: how far it got. Null on others’ messages.',
  })
  receipt(@Root() m: domain.Message, @Ctx() ctx: Context) {
    const viewerId = viewerOf(ctx).userId;
    if (m.senderId !== viewerId || m.kind === 'SYSTEM' || m.deletedAt) return null;
    return ctx.loaders.receipts.load({ viewerId, message: m });
  }
}
