import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ValidationError } from '@parley/core';
import { DataExport } from '@parley/schema';
import { viewerOf, type Context } from './context';

function accountOf(ctx: Context) {
  const service = ctx.services.account;
  if (!service) throw new ValidationError({ account: 'this server does not prepare data exports' });
  return service;
}

/** The viewer's own data: a copy of it, and deleting the account. */
@Resolver()
export class AccountResolver {
  @Authorized()
  @Mutation(() => DataExport, {
    description: 'Starts preparing a copy of the viewer’s data (one at a time); read `myDataExport` until it is READY.',
  })
  async exportMyData(@Ctx() ctx: Context) {
    const e = await accountOf(ctx).requestExport(viewerOf(ctx).userId);
    return { ...e, url: null };
  }

  @Authorized()
  @Query(() => DataExport, { nullable: true, description: 'The viewer’s newest data export, if any.' })
  myDataExport(@Ctx() ctx: Context) {
    return accountOf(ctx).latestExport(viewerOf(ctx).userId);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Deletes the viewer’s account, after checking the password: every session and token ends, they leave their groups, their devices get no more pushes, and what they sent stays under “Deleted user”. Cannot be undone.',
  })
  deleteMyAccount(@Arg('password', () => String) password: string, @Ctx() ctx: Context) {
    return accountOf(ctx).deleteAccount(viewerOf(ctx).userId, password);
  }
}
