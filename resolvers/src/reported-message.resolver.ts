import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { ConversationKind, ReportedMessage } from '@parley/schema';
import type { Context } from './context';

/** Where a reported message was sent (reports reach administrators only). */
@Resolver(() => ReportedMessage)
export class ReportedMessageResolver {
  @FieldResolver(() => ConversationKind, {
    nullable: true,
    description: 'Whether it was sent in a direct conversation or a group; null when the conversation is gone.',
  })
  async conversationKind(@Root() m: domain.MessageSnapshot, @Ctx() ctx: Context) {
    return (await ctx.loaders.conversations.load(m.conversationId))?.kind ?? null;
  }
}
