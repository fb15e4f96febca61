import { useSyncExternalStore } from 'react';

/** Who the explorer is signed in as: a bearer token and, when known, the username. */
export interface Session {
  token: string;
  username: string | null;
}

const KEY = 'parley-explorer-session';
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

// Kept for the tab's lifetime only: a token in localStorage would outlive the browser session.
let current = read();

/** Replaces the session (null signs out) and tells every subscriber. */
export function setSession(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

/** The current session, re-rendering when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
