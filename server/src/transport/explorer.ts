import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStaticHandler } from './static-files';

/**
 * True when an `Accept` header prefers HTML to a GraphQL response, as a browser's navigation does;
 * GraphQL clients ask for `application/graphql-response+json` or `application/json`.
 */
export function prefersHtml(accept: string | undefined): boolean {
  let html = { q: 0, at: Infinity };
  let json = { q: 0, at: Infinity };
  (accept ?? '').split(',').forEach((part, at) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === 'text/html' && q > html.q) html = { q, at };
    if ((type === 'application/json' || type === 'application/graphql-response+json') && q > json.q) json = { q, at };
  });
  return html.q > 0 && (html.q > json.q || (html.q === json.q && html.at < json.at));
}

/**
 * The explorer's Content-Security-Policy: its own scripts, workers and styles only (the editor injects
 * styles at run time), and connections only back to this server over HTTP or WebSocket.
 */
function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Serves the built explorer (GraphiQL) from `root`; `pathname` is relative to where it is mounted. */
export function createExplorerHandler(root: string) {
  const serveStatic = createStaticHandler(root);
  return function serveExplorer(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    res.setHeader('content-security-policy', contentSecurityPolicy(req.headers.host));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    return serveStatic(req, res, pathname === '/' || pathname === '' ? '/index.html' : pathname);
  };
}
