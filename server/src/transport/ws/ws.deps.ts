import type { StreamDeps } from '../streams/stream.deps';

/** Limits of the WebSocket transport. */
export interface WsLimits {
  /** Largest frame accepted; a bigger one closes the socket with 1009. */
  maxPayload: number;
  /** Active operations per socket; more are refused with an error, the others keep running. */
  maxSubscriptions: number;
  /** Open sockets per user on this node; more are closed with 4429. */
  maxSocketsPerUser: number;
  /** Unsent bytes a socket may hold; past it the socket is closed with 1013 (slow consumer). */
  maxBufferedBytes: number;
  /** Operations a socket may start per second (enforced by `operationRate`). */
  operationsPerSecond: number;
  /** Every socket is pinged this often; one that did not answer the previous ping is cut off. */
  keepAliveMs: number;
}

/** What the WebSocket protocol needs from the composition root. */
export interface WsProtocolDeps extends StreamDeps {
  limits: WsLimits;
  /** Told of every signed-in socket opening, working and closing (ids unique on this node). */
  presence?: {
    connected(userId: string, socketId: string): void;
    active(socketId: string): void;
    disconnected(socketId: string): unknown;
  };
  /** Metrics hooks: an event's result computed, a result written to a socket. */
  observe?: { executed(event: unknown): void; delivered(): void } | undefined;
}
