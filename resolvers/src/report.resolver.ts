import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { ValidationError } from '@parley/core';
import { Message, Report, ReportOutcome, ReportReason, ReportStatus, User } from '@parley/schema';
import { viewerOf, type Context } from './context';

function reportsOf(ctx: Context) {
  const service = ctx.services.reports;
  if (!service) throw new ValidationError({ report: 'reporting is not enabled on this server' });
  return service;
}

/** Reporting messages and users, and the moderation queue. */
@Resolver(() => Report)
export class ReportResolver {
  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Reports a message the viewer can read to the server’s administrators; its content is kept with the report. Reporting it again while open changes nothing. RATE_LIMITED above 20 reports an hour.',
  })
  reportMessage(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('reason', () => ReportReason) reason: ReportReason,
    @Arg('note', () => String, { nullable: true, description: 'Up to 1000 characters.' }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return reportsOf(ctx).reportMessage(viewerOf(ctx).userId, messageId, reason, note);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Reports a user to the server’s administrators.' })
  reportUser(
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => ReportReason) reason: ReportReason,
    @Arg('note', () => String, { nullable: true, description: 'Up to 1000 characters.' }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return reportsOf(ctx).reportUser(viewerOf(ctx).userId, userId, reason, note);
  }

  @Authorized()
  @Query(() => [Report], { description: 'Reports, newest first. Server administrators only (FORBIDDEN for others).' })
  moderationQueue(
    @Arg('status', () => ReportStatus, { defaultValue: ReportStatus.OPEN }) status: ReportStatus,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–100.' }) first: number,
    @Arg('before', () => ID, { nullable: true, description: 'Reports older than this report.' }) before: string | null,
    @Ctx() ctx: Context,
  ) {
    return reportsOf(ctx).queue(viewerOf(ctx).userId, status, first, before ?? null);
  }

  @Authorized()
  @Mutation(() => Report, {
    description:
      'Closes an open report with the outcome and why (recorded in the audit log). Server administrators only.',
  })
  resolveReport(
    @Arg('reportId', () => ID) reportId: string,
    @Arg('outcome', () => ReportOutcome) outcome: ReportOutcome,
    @Arg('reason', () => String, { description: '1–1000 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return reportsOf(ctx).resolve(viewerOf(ctx).userId, reportId, outcome, reason);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Deletes a message for everyone, in any conversation, as a server administrator (a tombstone stays, its files are deleted); the reason goes to the audit log. Administrators only.',
  })
  async deleteMessageAsAdmin(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('reason', () => String, { description: '1–1000 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    await reportsOf(ctx).deleteMessage(viewerOf(ctx).userId, messageId, reason);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Removes a member from a group as a server administrator (who need not be in it); the group sees “A server administrator removed …”. Administrators only; audited.',
  })
  async removeMemberAsAdmin(
    @Arg('conversationId', () => ID) conversationId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String, { description: '1–1000 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    await reportsOf(ctx).removeMember(viewerOf(ctx).userId, conversationId, userId, reason);
    return true;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who reported it.' })
  reporter(@Root() r: domain.ReportRecord, @Ctx() ctx: Context) {
    return ctx.loaders.users.load(r.reporterId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user reported (the message’s sender for a message).' })
  targetUser(@Root() r: domain.ReportRecord, @Ctx() ctx: Context) {
    return ctx.loaders.users.load(r.targetUserId);
  }

  @FieldResolver(() => [Message], {
    description:
      'For a reported message: it and up to two messages either side, as they are now (deleted ones as tombstones).',
  })
  context(@Root() r: domain.ReportRecord, @Ctx() ctx: Context) {
    return reportsOf(ctx).context(r);
  }
}
