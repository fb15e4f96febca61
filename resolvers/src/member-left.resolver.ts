import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MemberLeft, User } from '@parley/schema';
import type * as domain from '@parley/core';
import { NotFoundError } from '@parley/core';
import type { Context } from './context';

type Left = Extract<domain.ConversationEvent, { type: 'MemberLeft' }>;

/** The user of a MemberLeft event, from the event itself when it has it. */
@Resolver(() => MemberLeft)
export class MemberLeftResolver {
  @FieldResolver(() => User, { description: 'Who left.' })
  async user(@Root() e: Left, @Ctx() ctx: Context) {
    const user = e.user ?? (await ctx.loaders.users.load(e.userId));
    if (!user) throw new NotFoundError('User');
    return user;
  }
}
