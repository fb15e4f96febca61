import { reactive, readonly } from 'vue';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: SessionUser;
}

const STORAGE_KEY = 'parley.session';
const REFRESH_QUERY = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken refreshToken accessTokenExpiresAt user { id username displayName }
  }
}`;

function load(): SessionTokens | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as SessionTokens) : null;
  } catch {
    return null;
  }
}

const state = reactive<{ current: SessionTokens | null }>({ current: load() });

export const session = readonly(state);

export function setSession(tokens: SessionTokens | null): void {
  state.current = tokens;
  if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  else localStorage.removeItem(STORAGE_KEY);
}

export function currentUserId(): string | null {
  return state.current?.user.id ?? null;
}

export function accessToken(): string | null {
  return state.current?.accessToken ?? null;
}

export class SessionExpiredError extends Error {
  constructor() {
    super('Session expired');
  }
}

let inflight: Promise<string> | null = null;

/**
 * Exchanges the refresh token for new tokens. Single-flight within the tab and, where the Web Locks API
 * exists, across tabs: the server revokes the whole session when a rotated refresh token is reused.
 */
export function refreshAccessToken(): Promise<string> {
  inflight ??= runRefresh().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function runRefresh(): Promise<string> {
  const before = state.current?.refreshToken;
  const task = async (): Promise<string> => {
    // Another tab may have rotated the tokens while this one waited for the lock.
    const stored = load();
    if (stored && stored.refreshToken !== before) {
      state.current = stored;
      return stored.accessToken;
    }
    if (!before) throw new SessionExpiredError();
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: REFRESH_QUERY, variables: { refreshToken: before } }),
    });
    const body = (await response.json().catch(() => null)) as {
      data?: { refreshSession?: SessionTokens } | null;
      errors?: { extensions?: { code?: string } }[];
    } | null;
    const tokens = body?.data?.refreshSession;
    if (tokens) {
      setSession(tokens);
      return tokens.accessToken;
    }
    const code = body?.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT') {
      setSession(null);
      throw new SessionExpiredError();
    }
    throw new Error('Could not refresh the session');
  };
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('parley.refresh', task);
  }
  return task();
}

/** Returns a token that is not about to expire, refreshing first when it is. */
export async function freshAccessToken(): Promise<string | null> {
  const current = state.current;
  if (!current) return null;
  const expiresAt = Date.parse(current.accessTokenExpiresAt);
  if (Number.isFinite(expiresAt) && expiresAt - Date.now() < 15_000) {
    try {
      return await refreshAccessToken();
    } catch (error) {
      if (error instanceof SessionExpiredError) return null;
      return current.accessToken;
    }
  }
  return current.accessToken;
}
