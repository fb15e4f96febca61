import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';

type Status = 'ONLINE' | 'OFFLINE' | 'BUSY';
const answers: Status[] = [];
const subscribedIds: string[][] = [];
let queries = 0;

vi.mock('../../src/apollo/apollo.client', () => ({
  onReconnect: () => () => undefined,
  apollo: {
    query: async () => {
      queries++;
      const status = answers.length > 1 ? answers.shift() : answers[0];
      return { data: { me: { id: 'me', presence: { status, lastSeenAt: null, statusText: null } } } };
    },
    subscribe: ({ variables }: { variables: { userIds: string[] } }) => ({
      subscribe: () => {
        subscribedIds.push(variables.userIds);
        return { unsubscribe: () => undefined };
      },
    }),
  },
}));

const { markConnected, markOffline } = await import('../../src/connection/connection.store');
const { setSession } = await import('../../src/session/session.store');
const { presence, seedPresence } = await import('../../src/presence/presence.store');
const { noteMyPresence, useMyPresence } = await import('../../src/presence/my.presence');

const user = (id: string) => ({ id, username: id, displayName: id });
const fresh = (status: Status) => ({ status, lastSeenAt: null, statusText: null });

describe('own presence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    answers.length = 0;
    subscribedIds.length = 0;
    queries = 0;
    markOffline();
    presence.reset();
    setSession({ accessToken: 'a', refreshToken: 'r', accessTokenExpiresAt: '2099-01-01T00:00:00Z', user: user('me') });
  });
  afterEach(() => {
    vi.useRealTimers();
    setSession(null);
  });

  it('is read once connected, and again while the server has not counted this device yet', async () => {
    answers.push('OFFLINE', 'OFFLINE', 'ONLINE');
    const scope = effectScope();
    const status = scope.run(() => useMyPresence())!;
    await vi.advanceTimersByTimeAsync(100);
    expect(queries).toBe(0);
    // The subscription follows our own id, so later changes (another device, idling) arrive live.
    expect(subscribedIds.at(-1)).toEqual(['me']);

    markConnected();
    await nextTick();
    await vi.advanceTimersByTimeAsync(0);
    // A stale OFFLINE is not shown while it is being read again.
    expect(status.value).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(status.value).toBe('ONLINE');
    expect(queries).toBe(3);
    scope.stop();
  });

  it('shows OFFLINE when the server keeps saying so', async () => {
    answers.push('OFFLINE');
    const scope = effectScope();
    const status = scope.run(() => useMyPresence())!;
    markConnected();
    await nextTick();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(status.value).toBe('OFFLINE');
    expect(queries).toBe(6);
    scope.stop();
  });

  it('reads a settings answer saying OFFLINE again instead of showing it', async () => {
    markConnected();
    presence.seed('me', fresh('BUSY'));
    answers.push('BUSY');
    noteMyPresence('me', fresh('OFFLINE'));
    expect(presence.get('me')?.status).toBe('BUSY');
    await vi.advanceTimersByTimeAsync(0);
    expect(queries).toBe(1);
    noteMyPresence('me', fresh('ONLINE'));
    expect(presence.get('me')?.status).toBe('ONLINE');
  });

  it('is never taken from a conversation list, which may predate this device’s socket', () => {
    seedPresence({
      members: [
        { user: { id: 'me', presence: fresh('OFFLINE') } },
        { user: { id: 'peer', presence: fresh('ONLINE') } },
      ],
    });
    expect(presence.get('me')).toBeUndefined();
    expect(presence.get('peer')?.status).toBe('ONLINE');
  });
});
