import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { AuthPayload, LogInInput, SignUpInput } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Sign-up, log-in, refresh and log-out. */
@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(
    @Arg('input', () => SignUpInput, { description: 'The new account.' }) input: SignUpInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.auth.signUp(input, { ip: ctx.clientIp ?? null });
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in. A wrong password and an unknown username give the same UNAUTHENTICATED error.',
  })
  logIn(@Arg('input', () => LogInInput, { description: 'Credentials.' }) input: LogInInput, @Ctx() ctx: Context) {
    return ctx.services.auth.logIn(input, { ip: ctx.clientIp ?? null });
  }

  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for new tokens. Each refresh token works once; reusing one ends the session.',
  })
  refreshSession(
    @Arg('refreshToken', () => String, { description: 'The latest refresh token of the session.' })
    refreshToken: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.auth.refresh(refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the current session: its access and refresh tokens stop working.' })
  async logOut(@Ctx() ctx: Context) {
    await ctx.services.auth.logOut(viewerOf(ctx));
    return true;
  }
}
