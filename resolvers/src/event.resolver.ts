import { Arg, Authorized, Ctx, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { ConversationEvent } from '@parley/schema';
import type * as domain from '@parley/core';
import { viewerOf, type Context } from './context';

interface EventArgs {
  conversationId: string;
  afterSeq?: number | null;
}

/** Live conversation events. */
@Resolver()
export class EventResolver {
  @Authorized()
  @Subscription(() => ConversationEvent, {
    description:
      'Events of one conversation. With `afterSeq`, first replays every stored event after it, in order, then continues live with no gap or duplicate. Ends with RESYNC_REQUIRED when `afterSeq` is more than the replay limit behind; ends after the viewer’s own MemberLeft. A member removed while away may still resume from before their removal, up to that MemberLeft; after it, NOT_FOUND.',
    subscribe: ({ args, context }) => {
      const a = args as EventArgs;
      const ctx = context as Context;
      return ctx.services.events.conversationEvents(viewerOf(ctx).userId, a.conversationId, a.afterSeq ?? null);
    },
  })
  conversationEvents(
    @Root() event: domain.ConversationEvent,
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) _conversationId: string,
    @Arg('afterSeq', () => Int, {
      nullable: true,
      description: 'Seq already applied by the client; omit for live only.',
    })
    _afterSeq: number | null,
  ) {
    return event;
  }

  @Authorized()
  @Subscription(() => ConversationEvent, {
    description:
      'Live events of every conversation the viewer belongs to, including ones they are added to later; stops for a conversation after the viewer leaves it.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.services.events.inboxEvents(viewerOf(ctx).userId);
    },
  })
  inboxEvents(@Root() event: domain.ConversationEvent, @Ctx() _ctx: Context) {
    return event;
  }
}
