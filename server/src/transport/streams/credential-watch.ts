import type { Logger } from '../../logger';

/**
 * Credentials can end while a socket or stream is open (log-out, a revoked token): every interval,
 * one store call re-checks the credentials of all open connections, never one call per connection,
 * and those whose credential ended are closed.
 */
export function watchCredentials<H extends object>(
  activeCredentialIds: (ids: string[]) => Promise<Set<string>>,
  intervalMs: number,
  log: Logger,
  /** Closes a connection whose credential ended. */
  close: (handle: H) => void,
) {
  /** Each open connection's credential id (one shared `close`, so nothing per connection but this). */
  const open = new Map<H, string>();
  let checking = false;
  const timer = setInterval(() => {
    if (checking || open.size === 0) return;
    checking = true;
    const ids = new Set(open.values());
    activeCredentialIds([...ids])
      .then((active) => {
        for (const [handle, id] of open) {
          // A connection that signed in while the query ran is checked next time.
          if (active.has(id) || !ids.has(id)) continue;
          open.delete(handle);
          close(handle);
        }
      })
      .catch((err: unknown) => log.warn({ err }, 'credential check failed'))
      .finally(() => (checking = false));
  }, intervalMs);
  timer.unref();
  return {
    /** Watches a signed-in connection's credential (`Viewer.sessionId`); it is closed when that ends. */
    add: (handle: H, credentialId: string) => void open.set(handle, credentialId),
    remove: (handle: H) => void open.delete(handle),
    dispose: () => clearInterval(timer),
  };
}
