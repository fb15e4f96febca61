import type { WebSocket } from 'ws';
import type { Logger } from '../../logger';

/**
 * Credentials can end while a socket is open (log-out, a revoked token): every interval, one store
 * call re-checks the credentials of all open sockets, never one call per socket, and sockets whose
 * credential ended close with 4403.
 */
export function watchCredentials(
  activeCredentialIds: (ids: string[]) => Promise<Set<string>>,
  intervalMs: number,
  log: Logger,
) {
  const sockets = new Map<WebSocket, string>();
  let checking = false;
  const timer = setInterval(() => {
    if (checking || sockets.size === 0) return;
    checking = true;
    const ids = new Set(sockets.values());
    activeCredentialIds([...ids])
      .then((active) => {
        for (const [socket, id] of sockets) {
          // A socket that signed in while the query ran is checked next time.
          if (active.has(id) || !ids.has(id)) continue;
          sockets.delete(socket);
          socket.close(4403, 'Forbidden');
        }
      })
      .catch((err: unknown) => log.warn({ err }, 'credential check failed'))
      .finally(() => (checking = false));
  }, intervalMs);
  timer.unref();
  return {
    /** Watches a signed-in socket's credential (`Viewer.sessionId`). */
    add: (socket: WebSocket, credentialId: string) => void sockets.set(socket, credentialId),
    remove: (socket: WebSocket) => void sockets.delete(socket),
    dispose: () => clearInterval(timer),
  };
}
