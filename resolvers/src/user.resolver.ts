import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { UpdateProfileInput, User } from '@parley/schema';
import { NotFoundError } from '@parley/core';
import { isId } from '@parley/core';
import { viewerOf, type Context } from './context';

/** Profiles and user search. */
@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: Context) {
    const user = await ctx.loaders.users.load(viewerOf(ctx).userId);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  @Authorized()
  @Query(() => User, { nullable: true, description: 'A user by ID, or null if there is none.' })
  user(@Arg('id', () => ID, { description: 'The user’s ID.' }) id: string, @Ctx() ctx: Context) {
    return isId(id) ? ctx.loaders.users.load(id) : null;
  }

  @Authorized()
  @Query(() => [User], { description: 'Users whose username or display name starts with `query` (case-insensitive).' })
  searchUsers(
    @Arg('query', () => String, { description: 'Prefix to look for, up to 64 characters.' }) query: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, 1–50.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.users.search(query, first);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes the signed-in user’s display name or avatar.' })
  updateProfile(
    @Arg('input', () => UpdateProfileInput, { description: 'Fields to change.' }) input: UpdateProfileInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.users.updateProfile(viewerOf(ctx).userId, input);
  }
}
