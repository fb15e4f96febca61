import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';

interface Call {
  ids: string[];
  push: (event: unknown) => void;
  closed: boolean;
}
const calls: Call[] = [];

vi.mock('../../src/apollo/apollo.client', () => ({
  onReconnect: () => () => undefined,
  apollo: {
    subscribe: ({ variables }: { variables: { userIds: string[] } }) => ({
      subscribe: ({ next }: { next: (event: unknown) => void }) => {
        const call: Call = { ids: variables.userIds, push: next, closed: false };
        calls.push(call);
        return { unsubscribe: () => (call.closed = true) };
      },
    }),
  },
}));

const { presence, MAX_WATCHED_USERS } = await import('../../src/presence/presence.store');

const open = () => calls.filter((c) => !c.closed);

describe('presence store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
    presence.reset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one subscription over the users on screen and re-subscribes when the set changes', async () => {
    const list = ref(['u2', 'u1']);
    const listScope = effectScope();
    listScope.run(() => presence.watchUsers(list));
    const headerScope = effectScope();
    headerScope.run(() => presence.watchUsers(() => ['u1']));
    vi.advanceTimersByTime(100);
    expect(open().map((c) => c.ids)).toEqual([['u1', 'u2']]);

    list.value = ['u1', 'u2', 'u3'];
    await nextTick();
    vi.advanceTimersByTime(100);
    expect(open().map((c) => c.ids)).toEqual([['u1', 'u2', 'u3']]);

    listScope.stop();
    vi.advanceTimersByTime(100);
    expect(open().map((c) => c.ids)).toEqual([['u1']]);
    headerScope.stop();
    vi.advanceTimersByTime(100);
    expect(open()).toHaveLength(0);
  });

  it('applies changes on top of the queried snapshot', () => {
    const scope = effectScope();
    scope.run(() => presence.watchUsers(['u1']));
    vi.advanceTimersByTime(100);
    presence.seed('u1', { status: 'OFFLINE', lastSeenAt: '2026-01-01T00:00:00.000Z', statusText: null });
    expect(presence.get('u1')?.status).toBe('OFFLINE');
    open()[0]?.push({
      data: { presence: { userId: 'u1', presence: { status: 'ONLINE', lastSeenAt: null, statusText: null } } },
    });
    expect(presence.get('u1')?.status).toBe('ONLINE');
    scope.stop();
  });

  it('never asks for more users than the server allows', () => {
    const scope = effectScope();
    scope.run(() => presence.watchUsers(Array.from({ length: 700 }, (_, i) => `u${i}`)));
    vi.advanceTimersByTime(100);
    expect(open()[0]?.ids).toHaveLength(MAX_WATCHED_USERS);
    scope.stop();
  });
});
