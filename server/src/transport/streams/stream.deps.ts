import type { GraphQLSchema } from 'graphql';
import type { RateLimiter, Viewer } from '@parley/core';
import type { Context } from '@parley/resolvers';
import type { Logger } from '../../logger';
import type { ClientOrigin } from '../client-address';
import type { OperationPipeline } from '../pipeline/operation-pipeline';

/** What both streaming transports (WebSocket and SSE) need from the composition root. */
export interface StreamDeps {
  schema: GraphQLSchema;
  pipeline: OperationPipeline;
  /** Operations a connection may start (keyed per socket over WebSocket, per user over SSE). */
  operationRate: RateLimiter;
  trustProxy: boolean;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Which credential ids (`Viewer.sessionId`) are still active; open connections are re-checked in one call. */
  activeCredentialIds?: (ids: string[]) => Promise<Set<string>>;
  /** How often open connections' credentials are re-checked. @default 2000 */
  credentialCheckMs?: number;
  /** Context for one streamed operation; its loaders must not cache (streams live long). */
  context: (viewer: Viewer, origin: ClientOrigin) => Context;
  log: Logger;
}
