import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '@parley/resolvers';
import type { Logger } from '../logger';
import { HttpError, readBody } from './body';
import { clientAddress } from './client-address';
import { prefersHtml } from './explorer';
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../observability/tracing';

/** What the HTTP handler needs from the composition root. */
export interface HttpDeps {
  apollo: ApolloServer<Context>;
  /** Builds the per-request context from the Authorization header. */
  context: (authorization: string | undefined, requestId: string, clientIp: string | undefined) => Promise<Context>;
  trustProxy: boolean;
  /** Resolves when storage (and Redis, when configured) answer. */
  ready: () => Promise<void>;
  maxBodyBytes: number;
  corsOrigins: readonly string[];
  serveStatic?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
  /** GraphQL over Server-Sent Events at `/graphql/stream`. */
  serveStream?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The explorer, at `/explorer` and at `GET /graphql` for browsers; `pathname` is relative to it. */
  serveExplorer?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
  /** Local-disk blobs at `/uploads/<key>`, through signed URLs. */
  serveUploads?: (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams) => Promise<void>;
  /** Prometheus metrics at `/metrics` (it checks its own token). */
  serveMetrics?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The unsubscribe link of digest e-mails. */
  serveUnsubscribe?: (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => Promise<void>;
  log: Logger;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  res.end(text);
}

/** The node:http request listener: health endpoints, `/graphql` through Apollo Server, static files. */
export function createHttpHandler(d: HttpDeps): RequestListener {
  const allowed = new Set(d.corsOrigins);

  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader(
      'access-control-allow-headers',
      'authorization, content-type, apollo-require-preflight, x-request-id',
    );
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-max-age', '600');
    return true;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(cors(req, res) ? 204 : 403, SECURITY_HEADERS).end();
      return;
    }
    cors(req, res);
    if (method !== 'GET' && method !== 'POST') {
      send(
        res,
        405,
        { errors: [{ message: 'Use GET or POST', extensions: { code: 'BAD_REQUEST' } }] },
        { allow: 'GET, POST' },
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    let body: unknown;
    if (method === 'POST') {
      const raw = await readBody(req, d.maxBodyBytes);
      const type = headers.get('content-type') ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(type) || /\+json\b/i.test(type)) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Request body is not valid JSON');
        }
        if (Array.isArray(body)) throw new HttpError(400, 'Batched operations are not supported');
      } else {
        body = raw;
      }
    }
    const result = await d.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: () => d.context(headers.get('authorization'), requestId, clientAddress(req, d.trustProxy)),
    });
    const out: Record<string, string> = { ...SECURITY_HEADERS, 'x-request-id': requestId };
    for (const [k, v] of result.headers) out[k] = v;
    res.writeHead(result.status ?? 200, out);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (status: number) =>
      d.log.info(
        {
          requestId,
          method: req.method,
          path: url.pathname,
          status,
          durationMs: Math.round(performance.now() - started),
        },
        'request',
      );
    void (async () => {
      try {
        if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
        if (url.pathname === '/readyz') {
          try {
            await d.ready();
            return send(res, 200, { status: 'ready' });
          } catch {
            return send(res, 503, { status: 'unavailable' });
          }
        }
        if (url.pathname === '/graphql/stream' && d.serveStream) {
          if (req.method === 'OPTIONS') return void res.writeHead(cors(req, res) ? 204 : 403, SECURITY_HEADERS).end();
          cors(req, res);
          return await d.serveStream(req, res);
        }
        if (url.pathname.startsWith('/uploads/') && d.serveUploads) {
          cors(req, res);
          return await d.serveUploads(req, res, url.pathname, url.searchParams);
        }
        if (url.pathname === '/metrics' && d.serveMetrics) return await d.serveMetrics(req, res);
        if (url.pathname === '/notifications/unsubscribe' && d.serveUnsubscribe) {
          return await d.serveUnsubscribe(req, res, url.searchParams);
        }
        if (url.pathname === '/graphql') {
          const browser = req.method === 'GET' && prefersHtml(req.headers.accept);
          if (browser && d.serveExplorer && (await d.serveExplorer(req, res, '/'))) return;
          return await inSpan('graphql', SpanKind.SERVER, () => graphql(req, res, url.search, requestId));
        }
        if (d.serveExplorer && (url.pathname === '/explorer' || url.pathname.startsWith('/explorer/'))) {
          if (await d.serveExplorer(req, res, url.pathname.slice('/explorer'.length))) return;
        }
        if (d.serveStatic && (await d.serveStatic(req, res, url.pathname))) return;
        send(res, 404, { error: 'Not found' });
      } catch (err) {
        if (err instanceof HttpError) {
          // Stop reading an oversized upload; the client gets its answer and the socket closes.
          if (err.status === 413) res.setHeader('connection', 'close');
          send(res, err.status, { errors: [{ message: err.message, extensions: { code: 'BAD_REQUEST' } }] });
        } else {
          d.log.error({ err, requestId }, 'request failed');
          if (!res.headersSent)
            send(res, 500, {
              errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
            });
          else res.destroy();
        }
      } finally {
        // GraphQL operations get their own line from the logging plugin, with the operation's outcome.
        if (url.pathname !== '/graphql' || res.statusCode >= 400) {
          if (res.writableFinished) done(res.statusCode);
          else res.once('finish', () => done(res.statusCode));
        }
      }
    })();
  };
}
