import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { Conversation } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** How long messages are kept. */
@Resolver(() => Conversation)
export class RetentionResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Days after which messages here are deleted: the shorter of the group’s setting and the server’s RETENTION_DAYS; null: kept. Deletion runs hourly.',
  })
  effectiveRetentionDays(@Root() c: domain.Conversation, @Ctx() ctx: Context) {
    return ctx.services.retention.effectiveDays(c);
  }

  @Authorized()
  @Mutation(() => Conversation, {
    description:
      'Sets how long a group’s messages are kept (the group’s owner only): 1–3650 days, or null for the server’s default. A server limit still applies when it is shorter. Members see a ConversationUpdated event and a system message; audited.',
  })
  setRetention(
    @Arg('conversationId', () => ID) conversationId: string,
    @Arg('days', () => Int, { nullable: true }) days: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.retention.set(viewerOf(ctx).userId, conversationId, days ?? null);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Starts a retention run now instead of at the next hourly one (it runs in the background; the audit log records what it deleted). Server administrators only.',
  })
  runRetention(@Ctx() ctx: Context) {
    return ctx.services.retention.runNow(viewerOf(ctx).userId);
  }
}
