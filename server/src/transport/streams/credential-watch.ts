import type { Logger } from '../../logger';

/**
 * Credentials can end while a socket or stream is open (log-out, a revoked token): every interval,
 * one store call re-checks the credentials of all open connections, never one call per connection,
 * and those whose credential ended are closed.
 */
export function watchCredentials(
  activeCredentialIds: (ids: string[]) => Promise<Set<string>>,
  intervalMs: number,
  log: Logger,
) {
  /** Each open connection's credential id and how to close it. */
  const open = new Map<object, { id: string; close: () => void }>();
  let checking = false;
  const timer = setInterval(() => {
    if (checking || open.size === 0) return;
    checking = true;
    const ids = new Set([...open.values()].map((c) => c.id));
    activeCredentialIds([...ids])
      .then((active) => {
        for (const [handle, c] of open) {
          // A connection that signed in while the query ran is checked next time.
          if (active.has(c.id) || !ids.has(c.id)) continue;
          open.delete(handle);
          c.close();
        }
      })
      .catch((err: unknown) => log.warn({ err }, 'credential check failed'))
      .finally(() => (checking = false));
  }, intervalMs);
  timer.unref();
  return {
    /** Watches a signed-in connection's credential (`Viewer.sessionId`); `close` ends it when it ends. */
    add: (handle: object, credentialId: string, close: () => void) =>
      void open.set(handle, { id: credentialId, close }),
    remove: (handle: object) => void open.delete(handle),
    dispose: () => clearInterval(timer),
  };
}
