import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { TypingEvent } from '@parley/schema';
import type * as domain from '@parley/core';
import { viewerOf, type Context } from './context';

/** Typing indicators. */
@Resolver()
export class TypingResolver {
  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Starts (or refreshes) or ends the viewer’s typing state in a conversation; members only. A state not refreshed for 6 seconds ends by itself, and sending a message ends it. Call it every few seconds while typing.',
  })
  setTyping(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('typing', () => Boolean, { description: 'True while typing, false to stop.' }) typing: boolean,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.typing.setTyping(viewerOf(ctx).userId, conversationId, typing);
  }

  @Authorized()
  @Subscription(() => TypingEvent, {
    description:
      'Who is typing in a conversation (never the viewer): the current list at once, then the whole list on every change. Members only.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      return ctx.services.typing.subscribe(viewerOf(ctx).userId, (args as { conversationId: string }).conversationId);
    },
  })
  typing(
    @Root() event: domain.TypingEvent,
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) _conversationId: string,
  ) {
    return event;
  }
}
