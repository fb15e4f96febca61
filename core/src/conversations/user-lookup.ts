import type { UserStore } from '../ports/user.store';
import { snapshotUser, type User, type UserSnapshot } from '../users/user.model';

/** Raised inside a write that needs users it was not given; the write is retried with them. */
export class UsersNeeded extends Error {
  override name = 'UsersNeeded';
  constructor(readonly ids: string[]) {
    super(`users needed: ${ids.join(', ')}`);
  }
}

/** Snapshots of users loaded before a write, for the events it appends. */
export interface UserLookup {
  /** The user's snapshot, or null for no user (a system message). */
  snapshot(id: string | null): UserSnapshot | null;
  /** Snapshots of every id, in order, skipping users that no longer exist. */
  snapshots(ids: readonly string[]): UserSnapshot[];
  /**
   * Snapshots of the leading ids that are loaded, in order, up to the first that is not: for lists
   * whose readers load what is left out themselves (reactors), so that a write never has to start
   * over because others changed the list while it waited for the lock.
   */
  loadedPrefix(ids: readonly string[]): UserSnapshot[];
}

/**
 * Users are read outside a conversation's transaction: on the embedded database a read inside it
 * would need a second connection, which a one-connection pool never frees. A write that turns out
 * to need users not loaded yet throws {@link UsersNeeded} through the lookup; `withUsers` loads them
 * and runs the write again (its transaction rolled back, so nothing is written twice). Users the
 * caller read already (`known`) are not read again.
 */
export async function withUsers<T>(
  users: Pick<UserStore, 'findByIds'>,
  ids: readonly (string | null)[],
  write: (lookup: UserLookup) => Promise<T>,
  known: readonly User[] = [],
): Promise<T> {
  const loaded = new Map<string, User>(known.map((u) => [u.id, u]));
  const missing = new Set<string>();
  const load = async (want: readonly string[]) => {
    const found = await users.findByIds(want);
    for (const u of found) loaded.set(u.id, u);
    for (const id of want) if (!loaded.has(id)) missing.add(id);
  };
  const unread = [...new Set(ids.filter((id): id is string => !!id && !loaded.has(id)))];
  if (unread.length > 0) await load(unread);
  const lookup: UserLookup = {
    snapshot(id) {
      if (!id || missing.has(id)) return null;
      const u = loaded.get(id);
      if (!u) throw new UsersNeeded([id]);
      return snapshotUser(u);
    },
    snapshots(want) {
      const unknown = want.filter((id) => !loaded.has(id) && !missing.has(id));
      if (unknown.length > 0) throw new UsersNeeded(unknown);
      return want.flatMap((id) => (loaded.has(id) ? [snapshotUser(loaded.get(id)!)] : []));
    },
    loadedPrefix(want) {
      const out: UserSnapshot[] = [];
      for (const id of want) {
        const u = loaded.get(id);
        if (u) out.push(snapshotUser(u));
        else if (!missing.has(id)) break;
      }
      return out;
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(lookup);
    } catch (err) {
      if (!(err instanceof UsersNeeded) || attempt >= 3) throw err;
      await load(err.ids);
    }
  }
}
