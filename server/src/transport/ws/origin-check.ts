import type { IncomingMessage } from 'node:http';

/**
 * `verifyClient` for the WebSocket server: browsers send `Origin` on upgrades, so other sites'
 * pages are refused (403) as CORS refuses them over HTTP. Same-origin and non-browser clients
 * (no `Origin`) are let in.
 */
export function originCheck(corsOrigins: readonly string[]) {
  const allowed = new Set(corsOrigins);
  return ({ origin, req }: { origin?: string; req: IncomingMessage }, done: (ok: boolean, status?: number) => void) => {
    let ok = !origin;
    if (origin) {
      try {
        ok = new URL(origin).host === req.headers.host || allowed.has(origin);
      } catch {
        ok = false;
      }
    }
    done(ok, ok ? undefined : 403);
  };
}
