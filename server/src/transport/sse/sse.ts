import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type ExecutionArgs } from 'graphql';
import { createHandler, type Request } from 'graphql-sse';
import { RateLimitedError, type Viewer } from '@parley/core';
import { readBody } from '../body';
import { ClientOrigin } from '../client-address';
import { createSharedSubscribe } from '../execution/shared-execution';
import { watchCredentials } from '../streams/credential-watch';
import { createOperationLog, type LoggedOperation } from '../streams/operation-log';
import { createStreamCounter } from '../streams/stream-counter';
import type { StreamDeps } from '../streams/stream.deps';

/** What the SSE endpoint needs from the composition root. */
export interface SseDeps extends StreamDeps {
  limits: {
    maxBodyBytes: number;
    /** Open streams per user on this node (the WebSocket sockets-per-user limit). */
    maxStreamsPerUser: number;
    /** Unsent bytes a stream may hold before it is closed (slow consumer). */
    maxBufferedBytes: number;
    operationsPerSecond: number;
  };
  presence?: { connected(userId: string, socketId: string): void; disconnected(socketId: string): unknown };
}

/** What the handler carries from a request to its operation's hooks. */
interface Stream extends LoggedOperation {
  res: ServerResponse;
  id: number;
  viewer?: Viewer;
}

// graphql-sse types contexts as records; ours is an interface without an index signature.
type OperationContext = Record<PropertyKey, unknown>;

/**
 * GraphQL over Server-Sent Events ("distinct connections" mode of the GraphQL over SSE protocol) at
 * `/graphql/stream`, for networks that break WebSocket upgrades. The same Bearer authentication as
 * HTTP, the same operation pipeline, the same limits as WebSocket (streams per user, operation rate,
 * slow readers) and the same shared execution of subscription events.
 */
export function createSseHandler(d: SseDeps) {
  const streams = createStreamCounter(d.limits.maxStreamsPerUser);
  const credentials = d.activeCredentialIds
    ? watchCredentials<Stream>(d.activeCredentialIds, d.credentialCheckMs ?? 2000, d.log, (s) => s.res.destroy())
    : undefined;
  const operations = createOperationLog(d.pipeline, 'sse');
  let nextId = 1;

  /** An answer before the operation starts, logged like any operation. */
  function refuse(status: number, code: string, message: string, operationName: string | null, extra = {}) {
    d.pipeline.logOutcome({ transport: 'sse', operationName, durationMs: 0, codes: [code] });
    return [
      JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }),
      { status, statusText: message, headers: { 'content-type': 'application/json; charset=utf-8' } },
    ] as const;
  }

  const handler = createHandler<IncomingMessage, Stream, OperationContext>({
    schema: d.schema,
    subscribe: createSharedSubscribe(d.schema),
    async onSubscribe(req: Request<IncomingMessage, Stream>, params) {
      const stream = req.context;
      const name = params.operationName ?? null;
      const viewer = await d.authenticate(req.headers.get('authorization') ?? undefined).catch(() => null);
      if (!viewer) return refuse(401, 'UNAUTHENTICATED', 'Authentication required', name);
      try {
        await d.operationRate.consume(viewer.userId);
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        const message = `At most ${d.limits.operationsPerSecond} operations per second`;
        return refuse(429, 'RATE_LIMITED', message, name, { retryAfterMs: err.retryAfterMs });
      }
      if (!streams.tryOpen(viewer.userId)) {
        return refuse(429, 'RATE_LIMITED', `At most ${d.limits.maxStreamsPerUser} open streams per user`, name);
      }
      operations.start(stream, name, viewer.userId);
      stream.viewer = viewer;
      credentials?.add(stream, viewer.sessionId);
      d.presence?.connected(viewer.userId, `sse-${stream.id}`);
      const prepared = d.pipeline.prepare(params.query, params.variables, params.operationName);
      // graphql-sse takes an object with `data` for a result that ends the operation at once.
      if ('errors' in prepared) return { data: null, errors: [...prepared.errors] };
      operations.parsed(stream, getOperationAST(prepared.document, name));
      const args: ExecutionArgs & { contextValue: OperationContext } = {
        schema: d.schema,
        document: prepared.document,
        variableValues: params.variables ?? null,
        operationName: params.operationName ?? null,
        contextValue: d.context(viewer, new ClientOrigin(req.raw, d.trustProxy)) as unknown as OperationContext,
      };
      return args;
    },
    onNext(_ctx, req, result) {
      const stream = req.context;
      const { res } = stream;
      // A reader that does not keep up would make the server buffer without bound: drop it instead.
      if (res.writableLength > d.limits.maxBufferedBytes) {
        res.destroy();
        return;
      }
      if (!('errors' in result) || !result.errors?.length) return result;
      const errors = result.errors.map((e) => d.pipeline.formatError(e.toJSON(), e));
      operations.failed(
        stream,
        errors.map((e) => e.extensions?.['code']),
      );
      return { ...result, errors } as unknown as typeof result;
    },
    onComplete(_ctx, req) {
      const stream = req.context;
      operations.end(stream);
      release(stream);
    },
  });

  function release(stream: Stream): void {
    if (!stream.viewer) return;
    credentials?.remove(stream);
    d.presence?.disconnected(`sse-${stream.id}`);
    streams.close(stream.viewer.userId);
    stream.viewer = undefined;
  }

  return {
    /** Open streams and active operations on this node. */
    stats: () => ({ connections: streams.total(), operations: operations.active() }),
    /** Answers one request at `/graphql/stream`. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const stream: Stream = { res, id: nextId++ };
      const body = req.method === 'POST' ? await readBody(req, d.limits.maxBodyBytes) : '';
      const [out, init] = await handler({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: { get: (k) => (Array.isArray(req.headers[k]) ? req.headers[k].join('\n') : req.headers[k]) ?? null },
        body,
        raw: req,
        context: stream,
      });
      // Proxies must pass events on as they come (nginx reads this header).
      res.writeHead(init.status, init.statusText, { ...init.headers, 'x-accel-buffering': 'no' });
      if (!out || typeof out === 'string') {
        res.end(out);
        return;
      }
      res.once('close', () => {
        void out.return(undefined);
        release(stream);
      });
      // Each event is queued on the socket at once; the slow-reader rule bounds what piles up there.
      for await (const chunk of out) {
        if (res.destroyed) break;
        res.write(chunk);
      }
      res.end();
    },
    dispose(): void {
      credentials?.dispose();
    },
  };
}
