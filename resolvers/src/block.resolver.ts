import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PerViewer, User } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Blocking users. */
@Resolver(() => User)
export class BlockResolver {
  @Authorized()
  @Mutation(() => User, {
    description:
      'Blocks a user. Idempotent. They can no longer message the viewer in a direct conversation or open a new one, and see the viewer as offline without last seen and never typing; the viewer cannot message them in a direct conversation either until unblocking. Shared groups are unaffected. Returns the blocked user.',
  })
  blockUser(@Arg('userId', () => ID, { description: 'The user to block.' }) userId: string, @Ctx() ctx: Context) {
    return ctx.services.blocks.block(viewerOf(ctx).userId, userId);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Ends the viewer’s block of a user. Idempotent. Returns the user.' })
  unblockUser(@Arg('userId', () => ID, { description: 'The user to unblock.' }) userId: string, @Ctx() ctx: Context) {
    return ctx.services.blocks.unblock(viewerOf(ctx).userId, userId);
  }

  @Authorized()
  @Query(() => [User], { description: 'The users the viewer blocks, the most recently blocked first.' })
  blockedUsers(@Ctx() ctx: Context) {
    return ctx.services.blocks.list(viewerOf(ctx).userId);
  }

  @PerViewer()
  @FieldResolver(() => Boolean, { description: 'Whether the viewer blocks this user (false for the viewer).' })
  async blockedByMe(@Root() user: { id: string }, @Ctx() ctx: Context) {
    const viewerId = viewerOf(ctx).userId;
    if (viewerId === user.id) return false;
    return ctx.loaders.blockedByMe.load(`${viewerId}:${user.id}`);
  }
}
