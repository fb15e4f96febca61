import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { Appeal, User } from '@parley/schema';
import type { Context } from './context';

/** What an appeal says about who made it (appeals reach administrators only). */
@Resolver(() => Appeal)
export class AppealResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The suspended user who appealed.' })
  user(@Root() a: domain.AppealRecord, @Ctx() ctx: Context) {
    return ctx.loaders.users.load(a.userId);
  }
}
