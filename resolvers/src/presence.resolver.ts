import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { PerViewer, Presence, PresenceEvent, PresenceStatus, PrivacySettings, User, Visibility } from '@parley/schema';
import type * as domain from '@parley/core';
import { viewerOf, type Context } from './context';

// One loader per operation context; uncached, because subscription contexts live long.
const loaders = new WeakMap<Context, DataLoader<string, domain.Presence>>();
function presenceLoader(ctx: Context): DataLoader<string, domain.Presence> {
  let l = loaders.get(ctx);
  if (!l) {
    const viewerId = viewerOf(ctx).userId;
    l = new DataLoader(
      async (ids) => {
        const map = await ctx.services.presence.presenceFor(viewerId, ids);
        return ids.map((id) => map.get(id) ?? { status: 'OFFLINE', lastSeenAt: null, statusText: null });
      },
      { cache: false },
    );
    loaders.set(ctx, l);
  }
  return l;
}

/** Presence of users, the viewer's status and privacy, and live presence changes. */
@Resolver(() => User)
export class PresenceResolver {
  @PerViewer()
  @FieldResolver(() => Presence, {
    description: 'The user’s presence as the viewer may see it (privacy applied; INVISIBLE only for oneself).',
  })
  presence(@Root() user: { id: string }, @Ctx() ctx: Context) {
    return presenceLoader(ctx).load(user.id);
  }

  @PerViewer()
  @FieldResolver(() => PrivacySettings, {
    nullable: true,
    description: 'Who may see this user’s presence; only on the signed-in user (`me`), null for anyone else.',
  })
  privacy(@Root() user: { id: string }, @Ctx() ctx: Context) {
    if (ctx.viewer?.userId !== user.id) return null;
    return ctx.services.presence.privacyOf(user.id);
  }

  @Authorized()
  @Mutation(() => Presence, {
    description:
      'Sets the viewer’s status on every device: ONLINE (derived again from activity), AWAY, BUSY or INVISIBLE (others see OFFLINE). OFFLINE is refused.',
  })
  setPresence(
    @Arg('status', () => PresenceStatus, { description: 'The status to show.' }) status: PresenceStatus,
    @Arg('statusText', () => String, {
      nullable: true,
      description: 'Status text, 1–80 characters; null or empty removes it.',
    })
    statusText: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.presence.setPresence(viewerOf(ctx).userId, status, statusText);
  }

  @Authorized()
  @Mutation(() => PrivacySettings, {
    description: 'Chooses who may see the viewer’s presence and last-seen time, and whether their reads are shared.',
  })
  updatePrivacy(
    @Arg('presenceVisibility', () => Visibility, { description: 'Who sees the status; others see OFFLINE.' })
    presenceVisibility: Visibility,
    @Arg('lastSeenVisibility', () => Visibility, { description: 'Who sees the last-seen time; others see null.' })
    lastSeenVisibility: Visibility,
    @Arg('readReceipts', () => Boolean, {
      nullable: true,
      description:
        'Whether reads count in others’ receipts (off also hides the read state of the viewer’s own messages); unchanged when omitted.',
    })
    readReceipts: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.presence.updatePrivacy(
      viewerOf(ctx).userId,
      presenceVisibility,
      lastSeenVisibility,
      readReceipts,
    );
  }

  @Authorized()
  @Subscription(() => PresenceEvent, {
    name: 'presence',
    description:
      'Emits when what the viewer may see of a watched user’s presence changes (status, status text, last seen). At most 500 users. Query `User.presence` for the current state.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      return ctx.services.presence.subscribe(viewerOf(ctx).userId, (args as { userIds: string[] }).userIds);
    },
  })
  presenceChanged(
    @Root() change: domain.PresenceChange,
    @Arg('userIds', () => [ID], { description: 'Users to watch, at most 500.' }) _userIds: string[],
  ) {
    return change;
  }
}
