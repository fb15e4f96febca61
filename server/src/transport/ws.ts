import type { Server } from 'node:http';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Context } from '@parley/resolvers';
import type { Viewer } from '../domain/auth.service';
import type { Logger } from '../logger';
import { formatError } from './format-error';

/** What the WebSocket endpoint needs from the composition root. */
export interface WsDeps {
  server: Server;
  schema: GraphQLSchema;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Context for one operation of a signed-in socket; its loaders must not cache. */
  context: (viewer: Viewer) => Context;
  /** Largest frame accepted; a bigger one closes the socket with 1009. */
  maxPayload: number;
  log: Logger;
}

type Extra = { viewer?: Viewer };

/**
 * graphql-ws on the HTTP server's `/graphql` path. The socket is authenticated once in
 * `connection_init`; a bad token closes it with 4403 before `connection_ack`.
 */
export function attachWebSocket(d: WsDeps) {
  const wss = new WebSocketServer({ server: d.server, path: '/graphql', maxPayload: d.maxPayload });
  const fmt = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e, d.log));
  // One log line per operation, as over HTTP: when it completes, with its duration and outcome.
  const started = new Map<string, { at: number; outcome: string }>();
  const opKey = (ctx: object, id: string) => `${socketIds.get(ctx) ?? 0}:${id}`;
  const socketIds = new WeakMap<object, number>();
  let nextSocketId = 1;

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: d.schema,
      connectionInitWaitTimeout: 3000,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.['authorization'];
        try {
          (ctx.extra as Extra).viewer = await d.authenticate(typeof auth === 'string' ? auth : undefined);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, id, payload) => {
        if (!socketIds.has(ctx)) socketIds.set(ctx, nextSocketId++);
        started.set(opKey(ctx, id), { at: performance.now(), outcome: 'ok' });
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(d.schema, document);
        if (errors.length > 0) {
          return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const viewer = (ctx.extra as Extra).viewer;
        if (!viewer) return [new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } })];
        const args: ExecutionArgs = {
          schema: d.schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: d.context(viewer),
        };
        return args;
      },
      onNext: (ctx, id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        const op = started.get(opKey(ctx, id));
        if (op) op.outcome = 'error';
        return { ...result, errors: fmt(result.errors) };
      },
      onError: (ctx, id, _payload, errors) => {
        const op = started.get(opKey(ctx, id));
        if (op) op.outcome = 'error';
        const formatted = fmt(errors);
        logOp(ctx, id, _payload.operationName, formatted.map((e) => e.extensions?.['code']));
        return formatted;
      },
      onComplete: (ctx, id, payload) => logOp(ctx, id, payload.operationName, []),
      onClose: (ctx) => {
        // Operations still open when the socket goes end with it.
        const prefix = `${socketIds.get(ctx) ?? 0}:`;
        for (const key of started.keys()) if (key.startsWith(prefix)) logOp(ctx, key.slice(prefix.length), null, []);
      },
    },
    wss,
    12_000,
  );

  function logOp(ctx: { extra: unknown }, id: string, operationName: string | null | undefined, codes: unknown[]): void {
    const key = opKey(ctx, id);
    const op = started.get(key);
    if (!op) return;
    started.delete(key);
    d.log.info(
      {
        transport: 'ws',
        userId: (ctx.extra as Extra).viewer?.userId,
        operationName: operationName ?? null,
        durationMs: Math.round(performance.now() - op.at),
        outcome: codes.length ? 'error' : op.outcome,
        ...(codes.length ? { errorCodes: [...new Set(codes)] } : {}),
      },
      'graphql',
    );
  }

  return {
    wss,
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    async dispose(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
