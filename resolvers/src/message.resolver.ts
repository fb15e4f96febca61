import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Message, MessagePage, SendMessageInput, User } from '@parley/schema';
import type * as domain from '@parley/core';
import { viewerOf, type Context } from './context';

/** History and sending. */
@Resolver(() => Message)
export class MessageResolver {
  @Authorized()
  @Query(() => MessagePage, {
    description:
      'A window of history, ascending by seq: the newest `limit` before `beforeSeq` (or the newest overall), or with only `afterSeq` the oldest `limit` after it.',
  })
  messages(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('beforeSeq', () => Int, { nullable: true, description: 'Only messages with a lower seq.' })
    beforeSeq: number | null,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Only messages with a higher seq.' })
    afterSeq: number | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'How many, 1–200.' }) limit: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.history(viewerOf(ctx).userId, { conversationId, beforeSeq, afterSeq, limit });
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      'Sends a message. Idempotent per `clientMessageId`: a repeat returns the original message and emits no event.',
  })
  sendMessage(
    @Arg('input', () => SendMessageInput, { description: 'The message.' }) input: SendMessageInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.send(viewerOf(ctx).userId, input);
  }

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
}
