import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { EventBatch, InboxBatch } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Long-polling, for clients that can use neither WebSocket nor Server-Sent Events. */
@Resolver()
export class PollResolver {
  @Authorized()
  @Query(() => EventBatch, {
    description:
      'The conversation’s events after `afterSeq`: at once when there are some, else as soon as one arrives within `waitMs`. Same order, replay and RESYNC_REQUIRED as `conversationEvents`; poll again with `afterSeq: lastSeq`.',
  })
  pollConversationEvents(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('afterSeq', () => Int, { description: 'Seq already applied by the client.' }) afterSeq: number,
    @Arg('waitMs', () => Int, { defaultValue: 25_000, description: 'How long to wait for an event, 0–30000.' })
    waitMs: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.polls.conversation(viewerOf(ctx).userId, conversationId, afterSeq, waitMs);
  }

  @Authorized()
  @Query(() => InboxBatch, {
    description:
      'Events of every conversation the viewer belongs to after `cursor` (from now when omitted), answering as `pollConversationEvents` does; poll again with the returned cursor.',
  })
  pollInboxEvents(
    @Arg('cursor', () => String, { nullable: true, description: '`cursor` of the previous poll.' })
    cursor: string | null,
    @Arg('waitMs', () => Int, { defaultValue: 25_000, description: 'How long to wait for an event, 0–30000.' })
    waitMs: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.polls.inbox(viewerOf(ctx).userId, cursor ?? null, waitMs);
  }
}
