import type { IncomingMessage, Server } from 'node:http';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Context } from '@parley/resolvers';
import type { Viewer } from '@parley/core';
import type { Logger } from '../logger';
import { createDocumentCache, createSharedSubscribe } from './shared-execution';
import { clientAddress } from './client-address';
import { formatError, withoutSuggestions } from './format-error';
import type { OperationGuards } from './operation-limits';

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
  /** Operations a socket may start per second. */
  operationsPerSecond: number;
}

/** What the WebSocket endpoint needs from the composition root. */
export interface WsDeps {
  server: Server;
  schema: GraphQLSchema;
  guards: OperationGuards;
  limits: WsLimits;
  /** Browser origins allowed to open a socket besides the server's own; empty allows same-origin only. */
  corsOrigins: readonly string[];
  trustProxy: boolean;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /**
   * Which credential ids (`Viewer.sessionId`) are still active; open sockets are re-checked with one
   * call per interval and those whose session ended or token was revoked close with 4403.
   */
  activeCredentialIds?: (ids: string[]) => Promise<Set<string>>;
  /** How often open sockets' credentials are re-checked. @default 2000 */
  credentialCheckMs?: number;
  /** Off refuses introspection and drops "Did you mean …" hints from errors. @default true */
  introspection?: boolean;
  /** Told of every signed-in socket opening, working and closing (ids unique on this node). */
  presence?: {
    connected(userId: string, socketId: string): void;
    active(socketId: string): void;
    disconnected(socketId: string): unknown;
  };
  /** Context for one operation of a signed-in socket; its loaders must not cache. */
  context: (viewer: Viewer, clientIp: string | undefined) => Context;
  log: Logger;
}

type Extra = { viewer?: Viewer; socket: WebSocket; request: IncomingMessage };

const limitError = (message: string, code = 'BAD_USER_INPUT') => [new GraphQLError(message, { extensions: { code } })];

/**
 * graphql-ws on the HTTP server's `/graphql` path. The socket is authenticated once in
 * `connection_init`; a bad token closes it with 4403 before `connection_ack`. Every operation goes
 * through the same parser limits, validation rules and cost check as over HTTP.
 */
export function attachWebSocket(d: WsDeps) {
  const allowedOrigins = new Set(d.corsOrigins);
  const wss = new WebSocketServer({
    server: d.server,
    path: '/graphql',
    maxPayload: d.limits.maxPayload,
    // Browsers send Origin on upgrades; refuse other sites' pages, as CORS does for HTTP.
    verifyClient: (
      { origin, req }: { origin?: string; req: IncomingMessage },
      done: (ok: boolean, status?: number) => void,
    ) => {
      let ok = !origin;
      try {
        ok ||= new URL(origin!).host === req.headers.host || allowedOrigins.has(origin!);
      } catch {
        ok = false;
      }
      done(ok, ok ? undefined : 403);
    },
  });
  // graphql-ws waits until each frame is flushed before sending an operation's next one, which
  // would keep a slow reader's backlog in the event queues, out of `bufferedAmount`'s sight. Count a
  // frame as sent once queued, so the backlog is in the socket's buffer and onNext's limit bounds it.
  wss.on('connection', (socket: WebSocket) => {
    const send = socket.send.bind(socket);
    socket.send = ((data: string, ...rest: unknown[]) => {
      const cb = typeof rest[rest.length - 1] === 'function' ? (rest.pop() as (err?: Error) => void) : undefined;
      send(data);
      cb?.();
    }) as typeof socket.send;
  });
  const introspection = d.introspection ?? true;
  const documents = createDocumentCache();
  const rules = [
    ...specifiedRules,
    ...d.guards.validationRules,
    ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const fmt = (errors: readonly GraphQLError[]) =>
    errors.map((e) => {
      const formatted = formatError(e.toJSON(), e, d.log);
      return introspection ? formatted : withoutSuggestions(formatted);
    });
  const socketsPerUser = new Map<string, number>();
  const socketIds = new WeakMap<object, number>();
  const opRate = new WeakMap<object, { windowStart: number; count: number }>();
  let nextSocketId = 1;
  // One log line per operation, as over HTTP: when it completes, with its duration and outcome.
  const started = new Map<string, { at: number; outcome: string; name: string | null }>();
  const opKey = (ctx: object, id: string) => `${socketIds.get(ctx) ?? 0}:${id}`;

  function logOp(ctx: { extra: unknown }, id: string, codes: unknown[]): void {
    const key = opKey(ctx, id);
    const op = started.get(key);
    if (!op) return;
    started.delete(key);
    d.log.info(
      {
        transport: 'ws',
        userId: (ctx.extra as Extra).viewer?.userId,
        operationName: op.name,
        durationMs: Math.round(performance.now() - op.at),
        outcome: codes.length ? 'error' : op.outcome,
        ...(codes.length ? { errorCodes: [...new Set(codes)] } : {}),
      },
      'graphql',
    );
  }

  // Credentials can end while a socket is open (log-out, a revoked token): re-check them all with one
  // store call per interval, never one per socket.
  const signedIn = new Map<WebSocket, string>();
  let checking = false;
  const credentialTimer = d.activeCredentialIds
    ? setInterval(() => {
        if (checking || signedIn.size === 0) return;
        checking = true;
        const ids = new Set(signedIn.values());
        d.activeCredentialIds!([...ids])
          .then((active) => {
            for (const [socket, id] of signedIn) {
              // A socket that signed in while the query ran is checked next time.
              if (active.has(id) || !ids.has(id)) continue;
              signedIn.delete(socket);
              socket.close(4403, 'Forbidden');
            }
          })
          .catch((err: unknown) => d.log.warn({ err }, 'credential check failed'))
          .finally(() => (checking = false));
      }, d.credentialCheckMs ?? 2000)
    : undefined;
  credentialTimer?.unref();

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: d.schema,
      subscribe: createSharedSubscribe(d.schema),
      connectionInitWaitTimeout: 3000,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.['authorization'];
        let viewer: Viewer;
        try {
          viewer = await d.authenticate(typeof auth === 'string' ? auth : undefined);
        } catch {
          return false;
        }
        const open = socketsPerUser.get(viewer.userId) ?? 0;
        if (open >= d.limits.maxSocketsPerUser) {
          ctx.extra.socket.close(4429, `Too many connections: at most ${d.limits.maxSocketsPerUser} per user`);
          return false;
        }
        socketsPerUser.set(viewer.userId, open + 1);
        ctx.extra.viewer = viewer;
        signedIn.set(ctx.extra.socket, viewer.sessionId);
        socketIds.set(ctx, nextSocketId++);
        d.presence?.connected(viewer.userId, String(socketIds.get(ctx)));
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        started.set(opKey(ctx, id), { at: performance.now(), outcome: 'ok', name: payload.operationName ?? null });
        const viewer = ctx.extra.viewer;
        if (!viewer) return limitError('Authentication required', 'UNAUTHENTICATED');
        d.presence?.active(String(socketIds.get(ctx)));
        const now = Date.now();
        const rate = opRate.get(ctx) ?? { windowStart: now, count: 0 };
        if (now - rate.windowStart >= 1000) Object.assign(rate, { windowStart: now, count: 0 });
        rate.count++;
        opRate.set(ctx, rate);
        if (rate.count > d.limits.operationsPerSecond) {
          const retryAfterMs = 1000 - (now - rate.windowStart);
          return [
            new GraphQLError(`At most ${d.limits.operationsPerSecond} operations per second per connection`, {
              extensions: { code: 'RATE_LIMITED', retryAfterMs },
            }),
          ];
        }
        // The new operation is not counted yet; graphql-ws adds it after this hook.
        if (Object.keys(ctx.subscriptions).length > d.limits.maxSubscriptions) {
          return limitError(`At most ${d.limits.maxSubscriptions} active operations per connection`);
        }
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, d.guards.parseOptions);
          } catch (err) {
            return [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          }
          const errors = validate(d.schema, document, rules);
          if (errors.length > 0) {
            return errors.map(
              (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
            );
          }
          documents.set(payload.query, document);
        }
        try {
          d.guards.checkCost(document, payload.variables, payload.operationName);
        } catch (err) {
          return [err as GraphQLError];
        }
        const args: ExecutionArgs = {
          schema: d.schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: d.context(viewer, clientAddress(ctx.extra.request, d.trustProxy)),
        };
        return args;
      },
      onNext: (ctx, id, _payload, _args, result) => {
        // A reader that does not keep up would make the server buffer without bound: drop it instead.
        if (ctx.extra.socket.bufferedAmount > d.limits.maxBufferedBytes) {
          ctx.extra.socket.close(1013, 'Slow consumer: too much unsent data');
          return;
        }
        if (!result.errors?.length) return result;
        const op = started.get(opKey(ctx, id));
        if (op) op.outcome = 'error';
        return { ...result, errors: fmt(result.errors) };
      },
      onError: (ctx, id, _payload, errors) => {
        const formatted = fmt(errors);
        logOp(
          ctx,
          id,
          formatted.map((e) => e.extensions?.['code']),
        );
        return formatted;
      },
      onComplete: (ctx, id) => logOp(ctx, id, []),
      onClose: (ctx) => {
        signedIn.delete(ctx.extra.socket);
        const viewer = ctx.extra.viewer;
        if (viewer) {
          d.presence?.disconnected(String(socketIds.get(ctx)));
          const left = (socketsPerUser.get(viewer.userId) ?? 1) - 1;
          if (left > 0) socketsPerUser.set(viewer.userId, left);
          else socketsPerUser.delete(viewer.userId);
        }
        // Operations still open when the socket goes end with it.
        const prefix = `${socketIds.get(ctx) ?? 0}:`;
        for (const key of started.keys()) if (key.startsWith(prefix)) logOp(ctx, key.slice(prefix.length), []);
      },
    },
    wss,
    12_000,
  );

  return {
    wss,
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    async dispose(): Promise<void> {
      clearInterval(credentialTimer);
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
