import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Member, User } from '@parley/schema';
import type * as domain from '@parley/core';
import { NotFoundError } from '@parley/core';
import type { Context } from './context';

/** The user behind a membership. */
@Resolver(() => Member)
export class MemberResolver {
  @FieldResolver(() => User, { description: 'The member.' })
  async user(@Root() m: domain.Member, @Ctx() ctx: Context) {
    // Events carry the user, so subscriptions resolve it without a lookup.
    const user = m.user ?? (await ctx.loaders.users.load(m.userId));
    if (!user) throw new NotFoundError('User');
    return user;
  }
}
