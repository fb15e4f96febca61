import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ForbiddenError, type AuditAction as DomainAuditAction } from '@parley/core';
import { AuditAction, AuditEntry, DateTimeScalar } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Server administration. */
@Resolver()
export class AdminResolver {
  @Authorized()
  @Query(() => Boolean, { description: 'Whether the viewer is a server administrator (ADMIN_USERNAMES).' })
  async isServerAdmin(@Ctx() ctx: Context) {
    return (await ctx.services.admin?.isAdmin(viewerOf(ctx).userId)) ?? false;
  }

  @Authorized()
  @Query(() => [AuditEntry], {
    description: 'Security and moderation events, newest first. Server administrators only (FORBIDDEN for others).',
  })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('action', () => AuditAction, { nullable: true }) action: AuditAction | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
    @Arg('targetId', () => String, { nullable: true }) targetId: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since: string | null,
    @Arg('until', () => DateTimeScalar, { nullable: true }) until: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('before', () => ID, { nullable: true, description: 'Entries older than this entry id.' })
    before: string | null,
  ) {
    const admin = ctx.services.admin;
    if (!admin) throw new ForbiddenError('This server keeps no audit log');
    const filter = { action: (action as DomainAuditAction | null) ?? null, actorId, targetId, since, until };
    return admin.list(viewerOf(ctx).userId, filter, first, before ?? null);
  }
}
