import { onScopeDispose, shallowReactive, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { Subscription } from 'rxjs';
import { apollo, onReconnect } from '../apollo/apollo.client';
import type { PresenceFieldsFragment } from '../gql/graphql';
import { currentUserId } from '../session/session.store';
import { PresenceSubscription } from './presence.documents';

/** The server refuses more ids in one `presence` subscription. */
export const MAX_WATCHED_USERS = 500;

/**
 * What this client knows of other people's presence: seeded from query snapshots, then kept live by one
 * `presence` subscription over the union of the users on screen (the server sends only changes).
 */
class PresenceStore {
  private readonly known = shallowReactive(new Map<string, PresenceFieldsFragment>());
  private readonly watchers = new Map<symbol, readonly string[]>();
  private subscription: Subscription | null = null;
  private subscribedKey = '';
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    onReconnect(() => {
      this.subscribedKey = '';
      this.schedule();
    });
  }

  get(userId: string): PresenceFieldsFragment | undefined {
    return this.known.get(userId);
  }

  /** Records presence read from a query; it replaces what we had. */
  seed(userId: string, presence: PresenceFieldsFragment | null | undefined): void {
    if (!presence) return;
    const current = this.known.get(userId);
    if (
      current &&
      current.status === presence.status &&
      current.lastSeenAt === presence.lastSeenAt &&
      current.statusText === presence.statusText
    )
      return;
    this.known.set(userId, {
      status: presence.status,
      lastSeenAt: presence.lastSeenAt,
      statusText: presence.statusText,
    });
  }

  /** Keeps the given users live while the calling component (effect scope) lives. */
  watchUsers(ids: MaybeRefOrGetter<readonly string[]>): void {
    const key = Symbol('presence-watcher');
    watch(
      () => [...new Set(toValue(ids))].sort(),
      (list) => {
        this.watchers.set(key, list);
        this.schedule();
      },
      { immediate: true },
    );
    onScopeDispose(() => {
      this.watchers.delete(key);
      this.schedule();
    });
  }

  /** The ids the subscription covers: the union of every watcher's, capped at the server's limit. */
  watchedIds(): string[] {
    const all = new Set<string>();
    for (const list of this.watchers.values()) list.forEach((id) => all.add(id));
    return [...all].sort().slice(0, MAX_WATCHED_USERS);
  }

  reset(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.subscribedKey = '';
    this.known.clear();
  }

  // Batches the changes of one render (several components mounting) into one re-subscription.
  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.resubscribe();
    }, 50);
  }

  private resubscribe(): void {
    const ids = this.watchedIds();
    const key = ids.join(',');
    if (key === this.subscribedKey && this.subscription) return;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.subscribedKey = key;
    if (ids.length === 0) return;
    this.subscription = apollo.subscribe({ query: PresenceSubscription, variables: { userIds: ids } }).subscribe({
      next: ({ data }) => {
        const event = data?.presence;
        if (event) this.known.set(event.userId, event.presence);
      },
      error: () => {
        this.subscribedKey = '';
      },
    });
  }
}

export const presence = new PresenceStore();

/**
 * Query snapshots carry presence; cached or locally patched copies may be stale, so only these seed it. Our own
 * entry is left to `my.presence.ts`: a list fetched before this device's socket counted says we are OFFLINE.
 */
export function seedPresence(conversation: {
  members: readonly { user: { id: string; presence: PresenceFieldsFragment } }[];
}): void {
  const me = currentUserId();
  conversation.members.forEach((m) => {
    if (m.user.id !== me) presence.seed(m.user.id, m.user.presence);
  });
}
