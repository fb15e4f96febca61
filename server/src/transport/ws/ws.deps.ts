import type { GraphQLSchema } from 'graphql';
import type { RateLimiter, Viewer } from '@parley/core';
import type { Context } from '@parley/resolvers';
import type { Logger } from '../../logger';
import type { OperationPipeline } from '../pipeline/operation-pipeline';

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
export interface WsProtocolDeps {
  schema: GraphQLSchema;
  pipeline: OperationPipeline;
  limits: WsLimits;
  /** Operations a socket may start, keyed per socket. */
  operationRate: RateLimiter;
  trustProxy: boolean;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Which credential ids (`Viewer.sessionId`) are still active; open sockets are re-checked in one call. */
  activeCredentialIds?: (ids: string[]) => Promise<Set<string>>;
  /** How often open sockets' credentials are re-checked. @default 2000 */
  credentialCheckMs?: number;
  /** Told of every signed-in socket opening, working and closing (ids unique on this node). */
  presence?: {
    connected(userId: string, socketId: string): void;
    active(socketId: string): void;
    disconnected(socketId: string): unknown;
  };
  /** Context for one operation of a signed-in socket; its loaders must not cache. */
  context: (viewer: Viewer, clientIp: string | undefined) => Context;
  /** Metrics hooks: an event's result computed, a result written to a socket. */
  observe?: { executed(event: unknown): void; delivered(): void } | undefined;
  log: Logger;
}
