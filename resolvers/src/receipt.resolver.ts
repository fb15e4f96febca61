import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { Member, PerViewer, ReceiptMark } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Read and delivery markers, who read a message, and markers as receipts events announce them. */
@Resolver(() => ReceiptMark)
export class ReceiptResolver {
  @Authorized()
  @Mutation(() => Member, {
    description:
      'Marks messages up to `seq` as read (and delivered). The marker only moves forward; a lower seq leaves it as it is. Others learn of it through ReceiptsUpdated.',
  })
  markRead(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('seq', () => Int, { description: 'Highest seq read; at most the conversation’s `lastSeq`.' }) seq: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.receipts.markRead(viewerOf(ctx).userId, conversationId, seq);
  }

  @Authorized()
  @Mutation(() => Member, {
    description:
      'Marks events up to `seq` as delivered to one of the viewer’s devices; call it when events arrive. Only moves forward.',
  })
  markDelivered(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('seq', () => Int, { description: 'Highest seq received; at most the conversation’s `lastSeq`.' }) seq: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.receipts.markDelivered(viewerOf(ctx).userId, conversationId, seq);
  }

  @Authorized()
  @Query(() => [Member], {
    description:
      'Who read one of the viewer’s own messages, in join order; members who turned read receipts off are never listed. FORBIDDEN on others’ messages.',
  })
  messageReaders(
    @Arg('messageId', () => ID, { description: 'The message.' }) messageId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'User ID of the last reader of the previous page.' })
    after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.receipts.readers(viewerOf(ctx).userId, messageId, first, after ?? null);
  }

  @PerViewer()
  @FieldResolver(() => Int, {
    description: 'Highest seq the member read; 0 for others when the member turned read receipts off.',
  })
  lastReadSeq(@Root() mark: domain.ReceiptMark, @Ctx() ctx: Context) {
    return mark.readReceipts || mark.userId === viewerOf(ctx).userId ? mark.lastReadSeq : 0;
  }
}
