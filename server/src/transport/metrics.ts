import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * `/metrics` in Prometheus text format. On the public port it needs `Authorization: Bearer <token>`;
 * on the separate metrics port (bound where only the scraper reaches) `token` is null.
 */
export function createMetricsHandler(registry: Registry, token: string | null) {
  const expected = token === null ? null : Buffer.from(`Bearer ${token}`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
        return void res.end('Unauthorized\n');
      }
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
