import { computed, watch, type ComputedRef } from 'vue';
import { apollo } from '../apollo/apollo.client';
import { connection } from '../connection/connection.store';
import { graphql } from '../gql';
import type { PresenceFieldsFragment, PresenceStatus } from '../gql/graphql';
import { currentUserId } from '../session/session.store';
import { presence } from './presence.store';

const MyPresenceQuery = graphql(`
  query MyPresence {
    me {
      id
      presence {
        ...PresenceFields
      }
    }
  }
`);

/** Pauses before reading own presence again while the server still says OFFLINE with our socket up. */
const RECHECK_DELAYS_MS = [250, 500, 1000, 2000, 4000];

let checking: Promise<void> | null = null;
let again = false;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const online = () => connection.status === 'online';

/**
 * Own presence as the server sees it. The server counts this device once its WebSocket is registered, which
 * is usually after a page's first queries: those answer OFFLINE. While connected we cannot be OFFLINE, so such
 * an answer is read again a few times, with backoff, until the server has caught up.
 */
function check(): Promise<void> {
  if (checking) {
    again = true;
    return checking;
  }
  checking = (async () => {
    do {
      again = false;
      let last: { id: string; presence: PresenceFieldsFragment } | null = null;
      for (const delay of [0, ...RECHECK_DELAYS_MS]) {
        if (delay) await wait(delay);
        if (!online()) return;
        last = await readMine();
        if (last && last.presence.status !== 'OFFLINE') break;
      }
      // Still OFFLINE after the last try: that is what others see, so show it.
      if (last) presence.seed(last.id, last.presence);
    } while (again && online());
  })().finally(() => {
    checking = null;
  });
  return checking;
}

async function readMine(): Promise<{ id: string; presence: PresenceFieldsFragment } | null> {
  try {
    const { data } = await apollo.query({ query: MyPresenceQuery, fetchPolicy: 'network-only' });
    return data?.me ?? null;
  } catch {
    // Offline again: the next connection reads it.
    return null;
  }
}

/**
 * Records own presence read by a view (settings, the answer to setting a status). An OFFLINE read while our
 * socket is up is stale (see `check`): it is read again instead of shown.
 */
export function noteMyPresence(userId: string, value: PresenceFieldsFragment): void {
  if (value.status === 'OFFLINE' && online()) void check();
  else presence.seed(userId, value);
}

/**
 * The signed-in user's own status for as long as the calling component (effect scope) lives: read after every
 * (re)connection, then kept live by the presence subscription (another device, AWAY after idling).
 */
export function useMyPresence(): ComputedRef<PresenceStatus | null> {
  presence.watchUsers(() => {
    const me = currentUserId();
    return me ? [me] : [];
  });
  watch(online, (now) => void (now && check()), { immediate: true });
  return computed(() => {
    const me = currentUserId();
    return me ? (presence.get(me)?.status ?? null) : null;
  });
}
