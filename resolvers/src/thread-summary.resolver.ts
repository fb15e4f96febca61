import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ValidationError, type ThreadSummary as Summary, type User as DomainUser } from '@parley/core';
import { ThreadSummary, User } from '@parley/schema';
import type { Context } from './context';

/** The people who replied in a thread. */
@Resolver(() => ThreadSummary)
export class ThreadSummaryResolver {
  @FieldResolver(() => [User], { description: 'The first people who replied, in the order they first did.' })
  async participants(
    @Root() t: Summary,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many, 1–5.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 5)
      throw new ValidationError({ first: 'must be between 1 and 5' });
    // Events embed the participants they could name; load the rest only when asked for more.
    const wanted = t.participantIds.slice(0, first);
    if (t.participants && t.participants.length >= wanted.length) return t.participants.slice(0, first);
    const users = await ctx.loaders.users.loadMany(wanted);
    return users.filter((u): u is DomainUser => !!u && !(u instanceof Error));
  }
}
