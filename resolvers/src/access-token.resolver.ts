import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AccessToken, CreatedAccessToken } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Personal access tokens for scripts and bots. */
@Resolver()
export class AccessTokenResolver {
  @Authorized()
  @Mutation(() => CreatedAccessToken, {
    description: 'Creates a personal access token. The secret is in the answer and cannot be read again.',
  })
  createAccessToken(
    @Arg('name', () => String, { description: 'What the token is for, 1–64 characters.' }) name: string,
    @Arg('expiresInDays', () => Int, { description: 'Lifetime in days, 1–365.' }) expiresInDays: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.accessTokens.create(viewerOf(ctx), { name, expiresInDays });
  }

  @Authorized()
  @Query(() => [AccessToken], {
    description:
      'The signed-in user’s personal access tokens, newest first, revoked and expired ones included; never their secrets.',
  })
  accessTokens(@Ctx() ctx: Context) {
    return ctx.services.accessTokens.list(viewerOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Revokes one of the signed-in user’s access tokens: requests with it fail at once and its open WebSockets close within seconds. NOT_FOUND for an unknown id.',
  })
  revokeAccessToken(@Arg('id', () => ID, { description: 'The token’s ID.' }) id: string, @Ctx() ctx: Context) {
    return ctx.services.accessTokens.revoke(viewerOf(ctx), id);
  }
}
