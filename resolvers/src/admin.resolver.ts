import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ForbiddenError, type AuditAction as DomainAuditAction } from '@parley/core';
import {
  Appeal,
  ServerAnalytics,
  AppealStatus,
  AuditAction,
  AuditEntry,
  DateTimeScalar,
  ServerRole,
  ServerUser,
  Suspension,
} from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Server administration. */
@Resolver()
export class AdminResolver {
  @Authorized()
  @Query(() => Boolean, { description: 'Whether the viewer is a server administrator (ADMIN_USERNAMES).' })
  async isServerAdmin(@Ctx() ctx: Context) {
    return ctx.services.roles.isAdmin(viewerOf(ctx).userId);
  }

  @Authorized()
  @Query(() => ServerAnalytics, {
    description: 'Usage per day over the last `days` days (UTC) and connections now. Administrators only.',
  })
  serverAnalytics(
    @Arg('days', () => Int, { defaultValue: 30, description: '1–366.' }) days: number,
    @Ctx() ctx: Context,
  ) {
    const analytics = ctx.services.analytics;
    if (!analytics) throw new ForbiddenError('This server keeps no analytics');
    return analytics.report(viewerOf(ctx).userId, days);
  }

  @Authorized()
  @Query(() => [ServerUser], {
    description:
      'Users whose username or display name starts with `query` (everyone when empty), by username. Administrators only.',
  })
  serverUsers(
    @Arg('query', () => String, { defaultValue: '' }) query: string,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–100.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.roles.list(viewerOf(ctx).userId, query, first);
  }

  @Authorized()
  @Mutation(() => ServerUser, {
    description:
      'Makes a user a server administrator or takes the role back. Administrators only; not for those named in ADMIN_USERNAMES, nor oneself. Audited with the reason.',
  })
  setServerRole(
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => ServerRole) role: ServerRole,
    @Arg('reason', () => String, { description: '1–1000 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.roles.setRole(viewerOf(ctx).userId, userId, role, reason);
  }

  @Authorized()
  @Query(() => [AuditEntry], {
    description: 'Security and moderation events, newest first. Server administrators only (FORBIDDEN for others).',
  })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('action', () => AuditAction, { nullable: true }) action: AuditAction | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
    @Arg('actorUsername', () => String, {
      nullable: true,
      description: 'Entries by the user with this username (instead of `actorId`); none for an unknown one.',
    })
    actorUsername: string | null,
    @Arg('targetId', () => String, { nullable: true }) targetId: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since: string | null,
    @Arg('until', () => DateTimeScalar, { nullable: true }) until: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('before', () => ID, { nullable: true, description: 'Entries older than this entry id.' })
    before: string | null,
  ) {
    const admin = ctx.services.admin;
    if (!admin) throw new ForbiddenError('This server keeps no audit log');
    const filter = {
      action: (action as DomainAuditAction | null) ?? null,
      actorId,
      actorUsername,
      targetId,
      since,
      until,
    };
    return admin.list(viewerOf(ctx).userId, filter, first, before ?? null);
  }

  @Authorized()
  @Mutation(() => Suspension, {
    description:
      'Suspends a user for `hours`, or bans them when `hours` is null: every session and access token of theirs ends at once (open sockets close on every node within seconds) and signing in is refused with FORBIDDEN until it ends. Server administrators only.',
  })
  suspendUser(
    @Arg('userId', () => ID) userId: string,
    @Arg('hours', () => Int, { nullable: true, description: '1–8760; null bans.' }) hours: number | null,
    @Arg('reason', () => String, { description: '1–1000 characters; the user is told it when refused.' })
    reason: string,
    @Ctx() ctx: Context,
  ) {
    const service = ctx.services.suspensions;
    if (!service) throw new ForbiddenError('This server keeps no suspensions');
    return service.suspend(viewerOf(ctx).userId, userId, hours ?? null, reason);
  }

  @Mutation(() => Boolean, {
    description:
      'A suspended user appeals (with username and password, since they cannot sign in): once per suspension, decided by an administrator other than the one who suspended. Log-in limits apply.',
  })
  appealSuspension(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('note', () => String, { description: '1–2000 characters.' }) note: string,
    @Ctx() ctx: Context,
  ) {
    const service = ctx.services.suspensions;
    if (!service) throw new ForbiddenError('This server keeps no suspensions');
    return service.appeal({ username, password, note }, ctx.clientIp);
  }

  @Authorized()
  @Query(() => [Appeal], { description: 'Appeals, oldest first. Administrators only.' })
  suspensionAppeals(
    @Arg('status', () => AppealStatus, { defaultValue: AppealStatus.OPEN }) status: AppealStatus,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–100.' }) first: number,
    @Ctx() ctx: Context,
  ) {
    const service = ctx.services.suspensions;
    if (!service) throw new ForbiddenError('This server keeps no suspensions');
    return service.appeals(viewerOf(ctx).userId, status, first);
  }

  @Authorized()
  @Mutation(() => Appeal, {
    description:
      'Decides an appeal: `lift` ends the suspension, else it stands. FORBIDDEN for the administrator who suspended. Audited.',
  })
  decideAppeal(
    @Arg('appealId', () => ID) appealId: string,
    @Arg('lift', () => Boolean) lift: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    const service = ctx.services.suspensions;
    if (!service) throw new ForbiddenError('This server keeps no suspensions');
    return service.decideAppeal(viewerOf(ctx).userId, appealId, lift, reason);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Ends a suspension or ban early; false when there was none. Administrators only.',
  })
  liftSuspension(
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    const service = ctx.services.suspensions;
    if (!service) throw new ForbiddenError('This server keeps no suspensions');
    return service.lift(viewerOf(ctx).userId, userId, reason);
  }
}
