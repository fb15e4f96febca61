import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshAccessToken, session, setSession, SessionExpiredError } from '../../src/session/session.store';

const tokens = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
  user: { id: 'u1', username: 'ada', displayName: 'Ada' },
});

beforeEach(() => {
  localStorage.clear();
  setSession(tokens(1));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('refreshAccessToken', () => {
  it('sends one refresh for concurrent callers, because the server revokes reused refresh tokens', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn(async (_url: string, init: { body: string }) => {
      const { variables } = JSON.parse(init.body) as { variables: { refreshToken: string } };
      expect(variables.refreshToken).toBe('refresh-1');
      await new Promise((r) => setTimeout(r, 10));
      return new Response(JSON.stringify({ data: { refreshSession: tokens(2) } }));
    });
    vi.stubGlobal('fetch', fetchMock);
    const callers = Promise.all([refreshAccessToken(), refreshAccessToken(), refreshAccessToken()]);
    // All three callers are waiting while the one refresh is still on the wire.
    await vi.advanceTimersByTimeAsync(10);
    const results = await callers;
    expect(results).toEqual(['access-2', 'access-2', 'access-2']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(session.current?.refreshToken).toBe('refresh-2');
    expect(JSON.parse(localStorage.getItem('parley.session') ?? '{}').refreshToken).toBe('refresh-2');
  });

  it('ends the session when the server rejects the refresh token', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }),
          ),
      ),
    );
    await expect(refreshAccessToken()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(session.current).toBeNull();
  });

  it('keeps the session when the network fails, so a later attempt can succeed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(refreshAccessToken()).rejects.toThrow();
    expect(session.current?.refreshToken).toBe('refresh-1');
  });
});
