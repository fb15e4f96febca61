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
      onSubscribe: (ctx, _id, payload) => {
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
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: fmt(result.errors) };
      },
      onError: (_ctx, _id, _payload, errors) => fmt(errors),
    },
    wss,
    12_000,
  );

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
