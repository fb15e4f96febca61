import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** The address of a client whose connection closed before its address was read. */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The client's IP: the socket's peer, or behind a trusted reverse proxy the first address of
 * `X-Forwarded-For` (only then, since any client can send that header).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  return new ClientOrigin(req, trustProxy).address;
}

/** The address a trusted reverse proxy forwarded for the client, if any. */
function forwardedFor(req: IncomingMessage, trustProxy: boolean): string | undefined {
  if (!trustProxy) return undefined;
  const forwarded = req.headers['x-forwarded-for'];
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || undefined;
}

/**
 * Where a long-lived connection came from, asked for only when an operation needs it: reading a
 * socket's `remoteAddress` makes Node keep the peer's address with the socket for its life, and
 * a streamed operation rarely needs it (signing up or in happens over HTTP).
 */
export class ClientOrigin {
  private readonly forwarded: string | undefined;
  private readonly peer: Socket;

  constructor(req: IncomingMessage, trustProxy: boolean) {
    this.forwarded = forwardedFor(req, trustProxy);
    this.peer = req.socket;
  }

  /**
   * A socket already gone (closed while an operation ran) no longer knows its peer: a stand-in is
   * answered then, so that per-address limits still count the request instead of skipping it.
   */
  get address(): string {
    return this.forwarded ?? this.peer.remoteAddress ?? UNKNOWN_ADDRESS;
  }
}
