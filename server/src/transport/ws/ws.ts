import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { RateLimitedError, type RateLimiter, type Viewer } from '@parley/core';
import type { Context } from '@parley/resolvers';
import type { Logger } from '../../logger';
import { clientAddress } from '../client-address';
import type { OperationPipeline } from '../pipeline/operation-pipeline';
import { countQueuedAsSent, isSlowConsumer } from './backpressure';
import { watchCredentials } from '../streams/credential-watch';
import { createOperationLog } from '../streams/operation-log';
import { originCheck } from './origin-check';
import { createSharedSubscribe, type ResultSink } from '../execution/shared-execution';
import { framePrefix, nextFrame } from './next-frame';
import { createStreamCounter } from '../streams/stream-counter';

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
}

/** What the WebSocket endpoint needs from the composition root. */
export interface WsDeps {
  server: Server;
  schema: GraphQLSchema;
  pipeline: OperationPipeline;
  limits: WsLimits;
  /** Operations a socket may start, keyed per socket. */
  operationRate: RateLimiter;
  /** Browser origins allowed to open a socket besides the server's own; empty allows same-origin only. */
  corsOrigins: readonly string[];
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

type Extra = {
  viewer?: Viewer;
  socketId?: number;
  clientIp?: string | undefined;
  socket: WebSocket;
  /** The upgrade request; let go once the socket is signed in (its headers would stay for the socket's life). */
  request?: IncomingMessage | undefined;
};

const refusal = (message: string, code: string, extra: Record<string, unknown> = {}) => [
  new GraphQLError(message, { extensions: { code, ...extra } }),
];

/**
 * graphql-ws on the HTTP server's `/graphql` path. The socket is authenticated once in
 * `connection_init`; a bad token closes it with 4403 before `connection_ack`. Every operation goes
 * through the same pipeline as over HTTP (parse limits, validation rules, cost, error format, log).
 */
export function attachWebSocket(d: WsDeps) {
  const wss = new WebSocketServer({
    server: d.server,
    path: '/graphql',
    maxPayload: d.limits.maxPayload,
    verifyClient: originCheck(d.corsOrigins),
  });
  countQueuedAsSent(wss);
  const sockets = createStreamCounter(d.limits.maxSocketsPerUser);
  const credentials = d.activeCredentialIds
    ? watchCredentials(d.activeCredentialIds, d.credentialCheckMs ?? 2000, d.log)
    : undefined;
  const operations = createOperationLog(d.pipeline, 'ws');
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => d.pipeline.formatError(e.toJSON(), e));
  let nextSocketId = 1;
  // Subscriptions whose results bypass graphql-ws's per-subscriber serialization (see `socketSink`).
  const sinks = new WeakMap<ExecutionArgs, ResultSink>();

  /**
   * Writes a subscription's results straight to its socket: a result without errors is shared by
   * every subscriber of the same operation, so its bytes are serialized once and only the id is
   * spliced in per socket. Results with errors take graphql-ws's shape through the error formatter.
   */
  function socketSink(extra: Extra, id: string): ResultSink {
    const prefix = framePrefix(id);
    return {
      write(result) {
        const { socket } = extra;
        if (socket.readyState !== socket.OPEN || isSlowConsumer(socket, d.limits.maxBufferedBytes)) return;
        d.observe?.delivered();
        if (!result.errors?.length) return socket.send(nextFrame(prefix, result), { binary: false });
        const errors = format(result.errors);
        operations.failed(
          extra.socketId ?? 0,
          id,
          errors.map((e) => e.extensions?.['code']),
        );
        socket.send(JSON.stringify({ id, type: 'next', payload: { ...result, errors } }));
      },
    };
  }

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: d.schema,
      subscribe: createSharedSubscribe(d.schema, {
        sinkOf: (args) => sinks.get(args),
        onExecute: d.observe?.executed,
      }),
      connectionInitWaitTimeout: 3000,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.['authorization'];
        const viewer = await d.authenticate(typeof auth === 'string' ? auth : undefined).catch(() => null);
        if (!viewer) return false;
        if (!sockets.tryOpen(viewer.userId)) {
          ctx.extra.socket.close(4429, `Too many connections: at most ${d.limits.maxSocketsPerUser} per user`);
          return false;
        }
        const socketId = nextSocketId++;
        const clientIp = ctx.extra.request ? clientAddress(ctx.extra.request, d.trustProxy) : undefined;
        Object.assign(ctx.extra, { viewer, socketId, clientIp, request: undefined });
        credentials?.add(ctx.extra.socket, viewer.sessionId, () => ctx.extra.socket.close(4403, 'Forbidden'));
        d.presence?.connected(viewer.userId, String(socketId));
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const { viewer, socketId = 0 } = ctx.extra;
        operations.start(socketId, id, payload.operationName ?? null, viewer?.userId);
        if (!viewer) return refusal('Authentication required', 'UNAUTHENTICATED');
        d.presence?.active(String(socketId));
        // graphql-ws registers the operation before this hook, so it is counted; checked before the
        // first await, while the count is that of the operations received so far.
        if (Object.keys(ctx.subscriptions).length > d.limits.maxSubscriptions) {
          return refusal(`At most ${d.limits.maxSubscriptions} active operations per connection`, 'BAD_USER_INPUT');
        }
        try {
          await d.operationRate.consume(String(socketId));
        } catch (err) {
          if (!(err instanceof RateLimitedError)) throw err;
          const message = `At most ${d.limits.operationsPerSecond} operations per second per connection`;
          return refusal(message, 'RATE_LIMITED', { retryAfterMs: err.retryAfterMs });
        }
        const prepared = d.pipeline.prepare(payload.query, payload.variables, payload.operationName);
        if ('errors' in prepared) return [...prepared.errors];
        operations.parsed(socketId, id, prepared.document, payload.operationName ?? null);
        const args: ExecutionArgs = {
          schema: d.schema,
          document: prepared.document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: d.context(viewer, ctx.extra.clientIp),
        };
        sinks.set(args, socketSink(ctx.extra, id));
        return args;
      },
      onNext: (ctx, id, _payload, _args, result) => {
        if (isSlowConsumer(ctx.extra.socket, d.limits.maxBufferedBytes)) return;
        if (!result.errors?.length) return result;
        const errors = format(result.errors);
        operations.failed(
          ctx.extra.socketId ?? 0,
          id,
          errors.map((e) => e.extensions?.['code']),
        );
        return { ...result, errors };
      },
      onError: (ctx, id, _payload, errors) => {
        const formatted = format(errors);
        operations.end(
          ctx.extra.socketId ?? 0,
          id,
          formatted.map((e) => e.extensions?.['code']),
        );
        return formatted;
      },
      onComplete: (ctx, id) => operations.end(ctx.extra.socketId ?? 0, id),
      onClose: (ctx) => {
        const { viewer, socketId = 0, socket } = ctx.extra;
        credentials?.remove(socket);
        if (viewer) {
          d.presence?.disconnected(String(socketId));
          sockets.close(viewer.userId);
        }
        operations.endSocket(socketId);
      },
    },
    wss,
    12_000,
  );

  return {
    wss,
    /** Open sockets and active operations on this node. */
    stats: () => ({ connections: wss.clients.size, operations: operations.active() }),
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    async dispose(): Promise<void> {
      credentials?.dispose();
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
