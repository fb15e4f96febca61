import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Member, PerViewer, User } from '@parley/schema';
import type * as domain from '@parley/core';
import { NotFoundError } from '@parley/core';
import { viewerOf, type Context } from './context';

/** The user behind a membership. */
@Resolver(() => Member)
export class MemberResolver {
  @PerViewer()
  @FieldResolver(() => Int, {
    description:
      'Highest seq the member has read; unread messages are those above it. 0 for others when the member turned read receipts off.',
  })
  lastReadSeq(@Root() m: domain.Member, @Ctx() ctx: Context) {
    return m.readReceipts || m.userId === viewerOf(ctx).userId ? m.lastReadSeq : 0;
  }

  @FieldResolver(() => User, { description: 'The member.' })
  async user(@Root() m: domain.Member, @Ctx() ctx: Context) {
    // Events carry the user, so subscriptions resolve it without a lookup.
    const user = m.user ?? (await ctx.loaders.users.load(m.userId));
    if (!user) throw new NotFoundError('User');
    return user;
  }
}
