import type { IncomingMessage } from 'node:http';

/**
 * The client's IP: the socket's peer, or behind a trusted reverse proxy the first address of
 * `X-Forwarded-For` (only then, since any client can send that header).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? undefined;
}
