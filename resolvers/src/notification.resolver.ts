import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { effectiveLevel, NotFoundError, ValidationError } from '@parley/core';
import {
  DateTimeScalar,
  Member,
  NotificationLevel,
  NotificationSettings,
  NotificationSettingsInput,
  PerViewer,
  PushSubscriptionInput,
} from '@parley/schema';
import { viewerOf, type Context } from './context';

function notificationsOf(ctx: Context) {
  const service = ctx.services.notifications;
  if (!service) throw new ValidationError({ notifications: 'notifications are not enabled on this server' });
  return service;
}

/** Devices, settings and per-conversation levels of notifications. */
@Resolver(() => Member)
export class NotificationResolver {
  @Query(() => String, { description: 'The VAPID public key to pass to PushManager.subscribe (applicationServerKey).' })
  vapidPublicKey(@Ctx() ctx: Context) {
    return notificationsOf(ctx).vapidPublicKey();
  }

  @Authorized()
  @Query(() => NotificationSettings, { description: 'The viewer’s notification settings.' })
  notificationSettings(@Ctx() ctx: Context) {
    return notificationsOf(ctx).settingsOf(viewerOf(ctx).userId);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Registers this browser’s push subscription for the viewer (again: updates it). One per device.',
  })
  registerPushSubscription(
    @Arg('input', () => PushSubscriptionInput) input: PushSubscriptionInput,
    @Ctx() ctx: Context,
  ) {
    return notificationsOf(ctx).registerPush(viewerOf(ctx).userId, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Removes one of the viewer’s push subscriptions; false when it was not theirs.',
  })
  unregisterPushSubscription(@Arg('endpoint', () => String) endpoint: string, @Ctx() ctx: Context) {
    return notificationsOf(ctx).unregisterPush(viewerOf(ctx).userId, endpoint);
  }

  @Authorized()
  @Mutation(() => NotificationSettings, { description: 'Changes the viewer’s notification settings.' })
  updateNotificationSettings(
    @Arg('input', () => NotificationSettingsInput) input: NotificationSettingsInput,
    @Ctx() ctx: Context,
  ) {
    const patch: domain.NotificationSettingsPatch = {};
    if (input.showPreviews != null) patch.showPreviews = input.showPreviews;
    if (input.emailFallback != null) patch.emailFallback = input.emailFallback;
    if (input.emailAddress !== undefined) patch.emailAddress = input.emailAddress;
    if (input.quietHours !== undefined) patch.quietHours = input.quietHours && { ...input.quietHours };
    if (input.locale != null) patch.locale = input.locale as domain.NotificationLocale;
    return notificationsOf(ctx).updateSettings(viewerOf(ctx).userId, patch);
  }

  @Authorized()
  @Mutation(() => Member, {
    description:
      'Sets which messages of a conversation notify the viewer; `mutedUntil` silences it until then whatever the level. Returns the viewer’s membership.',
  })
  async setNotificationLevel(
    @Arg('conversationId', () => ID) conversationId: string,
    @Arg('level', () => NotificationLevel) level: NotificationLevel,
    @Arg('mutedUntil', () => DateTimeScalar, { nullable: true }) mutedUntil: string | null,
    @Ctx() ctx: Context,
  ) {
    const viewerId = viewerOf(ctx).userId;
    await notificationsOf(ctx).setLevel(viewerId, conversationId, level, mutedUntil ?? null);
    const member = await ctx.loaders.memberships.load(`${conversationId}:${viewerId}`);
    if (!member) throw new NotFoundError('Conversation');
    return member;
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Tells the server this client is in the foreground (visible, focused) and which conversation it shows, or that it went to the background. Repeat every 30 s while visible. Users with a client in the foreground get no pushes.',
  })
  reportFocus(
    @Arg('clientId', () => String, { description: 'A random id this client keeps, 8–64 of A–Z a–z 0–9 _ -.' })
    clientId: string,
    @Arg('visible', () => Boolean) visible: boolean,
    @Arg('conversationId', () => ID, { nullable: true }) conversationId: string | null,
    @Ctx() ctx: Context,
  ) {
    return notificationsOf(ctx).reportFocus(viewerOf(ctx).userId, clientId, visible, conversationId ?? null);
  }

  @PerViewer()
  @FieldResolver(() => NotificationLevel, {
    nullable: true,
    description:
      'The viewer’s own level in this conversation (their default when never set); null on others’ memberships.',
  })
  async notificationLevel(@Root() m: domain.Member, @Ctx() ctx: Context) {
    if (m.userId !== viewerOf(ctx).userId || !ctx.services.notifications) return null;
    const own = await ctx.services.notifications.levelOf(m.userId, m.conversationId);
    if (own.level) return own.level;
    const c = await ctx.loaders.conversations.load(m.conversationId);
    return c ? effectiveLevel(null, c.kind, c.memberCount) : null;
  }

  @PerViewer()
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'Until when the viewer muted this conversation; null on others’ memberships.',
  })
  async mutedUntil(@Root() m: domain.Member, @Ctx() ctx: Context) {
    if (m.userId !== viewerOf(ctx).userId || !ctx.services.notifications) return null;
    const own = await ctx.services.notifications.levelOf(m.userId, m.conversationId);
    return own.mutedUntil && own.mutedUntil > new Date().toISOString() ? own.mutedUntil : null;
  }
}
