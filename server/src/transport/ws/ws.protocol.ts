import type { IncomingMessage } from 'node:http';
import { GraphQLError, execute, getOperationAST, type ExecutionArgs } from 'graphql';
import {
  CloseCode,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  MessageType,
  parseMessage,
  stringifyMessage,
  type Message,
  type SubscribePayload,
} from 'graphql-ws';
import { WebSocket, type RawData } from 'ws';
import { RateLimitedError } from '@parley/core';
import { ClientOrigin } from '../client-address';
import { Delivery, createSharedSubscribe } from '../execution/shared-execution';
import { watchCredentials } from '../streams/credential-watch';
import { createOperationLog } from '../streams/operation-log';
import { createStreamCounter } from '../streams/stream-counter';
import { Connection, Operation, type OperationOutput } from './ws.connection';
import type { WsProtocolDeps } from './ws.deps';

const refusal = (message: string, code: string, extra: Record<string, unknown> = {}) => [
  new GraphQLError(message, { extensions: { code, ...extra } }),
];
const INIT_TIMEOUT_MS = 3000;
/** A stream that failed after it started, as a GraphQL error keeping the cause for the error format. */
const streamError = (err: unknown) =>
  err instanceof Error ? new GraphQLError(err.message, { originalError: err }) : new GraphQLError(String(err));

/**
 * The graphql-transport-ws protocol (the messages of graphql-ws, whose parsing and constants are
 * used) with per-socket state kept to a {@link Connection}: one set of handlers for all sockets,
 * no suspended handler per operation, and subscription results written straight to the socket by
 * shared execution. The socket signs in with `connection_init` (a bad token closes it with 4403
 * before `connection_ack`); every operation goes through the same pipeline as over HTTP.
 */
export function createWsProtocol(d: WsProtocolDeps) {
  const connections = new Map<WebSocket, Connection>();
  const sockets = createStreamCounter(d.limits.maxSocketsPerUser);
  const credentials = d.activeCredentialIds
    ? watchCredentials<WebSocket>(d.activeCredentialIds, d.credentialCheckMs ?? 2000, d.log, (socket) =>
        socket.close(CloseCode.Forbidden, 'Forbidden'),
      )
    : undefined;
  const operations = createOperationLog(d.pipeline, 'ws');
  const subscribe = createSharedSubscribe(d.schema, { onExecute: d.observe?.executed });
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => d.pipeline.formatError(e.toJSON(), e));
  const out: OperationOutput = {
    maxBufferedBytes: d.limits.maxBufferedBytes,
    format,
    failed: operations.failed,
    delivered: d.observe?.delivered,
    ended: (op, error) => (error === undefined ? complete(op) : fail(op, [streamError(error)])),
  };
  let nextSocketId = 1;
  /** Called when the last socket has closed, once `closeAll` waits for it. */
  let whenEmpty: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  function initTimeout(c: Connection): void {
    if (!c.initReceived) c.socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
  }

  async function init(c: Connection, payload: unknown): Promise<void> {
    const { socket } = c;
    if (c.initReceived)
      return socket.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
    c.initReceived = true;
    clearTimeout(c.initTimer);
    c.initTimer = undefined;
    const auth = typeof payload === 'object' && payload ? (payload as Record<string, unknown>)['authorization'] : null;
    const viewer = await d.authenticate(typeof auth === 'string' ? auth : undefined).catch(() => null);
    // Gone while the token was checked: nothing to sign in (its close has run already).
    if (socket.readyState !== socket.OPEN) return;
    if (!viewer) return socket.close(CloseCode.Forbidden, 'Forbidden');
    if (!sockets.tryOpen(viewer.userId)) {
      return socket.close(4429, `Too many connections: at most ${d.limits.maxSocketsPerUser} per user`);
    }
    c.viewer = viewer;
    credentials?.add(socket, viewer.sessionId);
    d.presence?.connected(viewer.userId, String(c.socketId));
    c.send(stringifyMessage({ type: MessageType.ConnectionAck }));
  }

  /** The operation's arguments, or the errors that refuse it. */
  async function prepare(c: Connection, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> {
    // Checked before the first await, counting the operations received so far.
    if (c.operations.size > d.limits.maxSubscriptions) {
      return refusal(`At most ${d.limits.maxSubscriptions} active operations per connection`, 'BAD_USER_INPUT');
    }
    try {
      await d.operationRate.consume(String(c.socketId));
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      const message = `At most ${d.limits.operationsPerSecond} operations per second per connection`;
      return refusal(message, 'RATE_LIMITED', { retryAfterMs: err.retryAfterMs });
    }
    const prepared = d.pipeline.prepare(payload.query, payload.variables, payload.operationName);
    if ('errors' in prepared) return prepared.errors;
    return {
      schema: d.schema,
      document: prepared.document,
      variableValues: payload.variables ?? null,
      operationName: payload.operationName ?? null,
      contextValue: d.context(c.viewer!, c.origin),
    };
  }

  function complete(op: Operation): void {
    if (!op.current) return;
    op.connection.operations.delete(op.id);
    operations.end(op);
    op.connection.send(stringifyMessage({ id: op.id, type: MessageType.Complete }));
  }

  function fail(op: Operation, errors: readonly GraphQLError[]): void {
    if (!op.current) return;
    op.connection.operations.delete(op.id);
    const formatted = format(errors);
    operations.end(
      op,
      formatted.map((e) => e.extensions?.['code']),
    );
    op.connection.send(stringifyMessage({ id: op.id, type: MessageType.Error, payload: formatted }));
  }

  async function start(c: Connection, id: string, payload: SubscribePayload): Promise<void> {
    if (!c.acknowledged) return c.socket.close(CloseCode.Unauthorized, 'Unauthorized');
    if (c.operations.has(id))
      return c.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    const op = new Operation(c, id, out);
    c.operations.set(id, op);
    operations.start(op, payload.operationName ?? null, c.viewer?.userId);
    d.presence?.active(String(c.socketId));
    const args = await prepare(c, payload);
    // Cancelled, or its socket closed, while it waited: nothing runs for a client that is gone.
    if (!op.current) return;
    if (!('document' in args)) return fail(op, args);
    const ast = getOperationAST(args.document, args.operationName);
    operations.parsed(op, ast);
    if (!ast) return fail(op, [new GraphQLError('Unable to identify operation')]);
    const outcome = ast.operation === 'subscription' ? await subscribe.into(args, op) : await execute(args);
    if (!(outcome instanceof Delivery)) {
      if (op.current) op.reply(outcome);
      return complete(op);
    }
    if (!op.current) return outcome.stop();
    op.delivery = outcome;
  }

  function cancel(c: Connection, id: string): void {
    const op = c.operations.get(id);
    if (!op) return;
    c.operations.delete(id);
    op.delivery?.stop();
    operations.end(op);
  }

  function handle(c: Connection, m: Message): Promise<void> | void {
    switch (m.type) {
      case MessageType.ConnectionInit:
        return init(c, m.payload);
      case MessageType.Ping:
        return c.send(
          stringifyMessage(m.payload ? { type: MessageType.Pong, payload: m.payload } : { type: MessageType.Pong }),
        );
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        return start(c, m.id, m.payload);
      case MessageType.Complete:
        return cancel(c, m.id);
      default:
        return c.socket.close(CloseCode.BadRequest, `Unexpected message of type ${m.type} received`);
    }
  }

  // One handler of each kind for all sockets (see `Socket` below): `this` is the socket.
  function onMessage(this: WebSocket, data: RawData): void {
    const c = connections.get(this);
    if (!c) return;
    let message: Message;
    try {
      message = parseMessage(String(data));
    } catch {
      return this.close(CloseCode.BadRequest, 'Invalid message received');
    }
    const handled = handle(c, message);
    handled?.catch((err: unknown) => {
      d.log.error({ err }, 'WebSocket message failed');
      this.close(CloseCode.InternalServerError, 'Internal server error');
    });
  }

  function onPong(this: WebSocket): void {
    const c = connections.get(this);
    if (c) c.alive = true;
  }

  function onError(this: WebSocket, err: Error): void {
    // ws closes the socket itself (1009 for a frame over the limit, 1002 for a bad frame).
    d.log.debug({ err: err.message }, 'WebSocket error');
  }

  function onClose(this: WebSocket): void {
    const c = connections.get(this);
    if (!c) return;
    connections.delete(this);
    clearTimeout(c.initTimer);
    // Operations still open end with the socket (each by its id: no scan of every socket's operations).
    for (const [, op] of c.operations.entries()) {
      op.delivery?.stop();
      operations.end(op);
    }
    c.operations.clear();
    credentials?.remove(this);
    if (c.viewer) {
      d.presence?.disconnected(String(c.socketId));
      sockets.close(c.viewer.userId);
    }
    if (connections.size === 0) whenEmpty?.();
  }

  return {
    open(socket: WebSocket, request: IncomingMessage): void {
      if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) {
        return socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      }
      const c = new Connection(socket, new ClientOrigin(request, d.trustProxy), nextSocketId++);
      connections.set(socket, c);
      c.initTimer = setTimeout(initTimeout, INIT_TIMEOUT_MS, c);
    },
    /**
     * The class the server makes its sockets of: it hands the socket's events to the handlers
     * above, so no socket keeps listeners of its own (each listener kind costs every socket's
     * event table).
     */
    Socket: class ProtocolSocket extends WebSocket {
      override emit(event: string | symbol, ...args: unknown[]): boolean {
        if (event === 'message') onMessage.call(this, args[0] as RawData);
        else if (event === 'pong') onPong.call(this);
        else if (event === 'close') onClose.call(this);
        else if (event === 'error') {
          onError.call(this, args[0] as Error);
          // Handled: without listeners, EventEmitter would throw it (and a bad frame from a socket
          // refused in `open` would end the process).
          if (this.listenerCount('error') === 0) return true;
        }
        return super.emit(event, ...args);
      }
    },
    /**
     * Closes every socket with `code` and resolves once each has closed (its operations ended, its
     * presence gone), cutting off those that do not answer the close within `graceMs`.
     */
    closeAll(code: number, reason: string, graceMs: number): Promise<void> {
      closing ??= (async () => {
        if (connections.size === 0) return;
        const empty = new Promise<void>((resolve) => (whenEmpty = resolve));
        for (const socket of connections.keys()) socket.close(code, reason);
        const cutOff = setTimeout(() => {
          for (const socket of connections.keys()) socket.terminate();
        }, graceMs);
        await empty;
        clearTimeout(cutOff);
      })();
      return closing;
    },
    connections: () => connections.size,
    /**
     * Pings the sockets of one slice (by socket id, given when the socket opens); one that did not
     * answer its previous ping is cut off (a peer that vanished without closing would
     * otherwise hold its subscriptions for good). Called for each slice in turn, so each socket is
     * pinged once a round, and 10,000 sockets' pings and pongs do not take the node all at once.
     */
    keepAlive(slice: number, slices: number): void {
      for (const c of connections.values()) {
        if (c.socketId % slices !== slice) continue;
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    },
    /** Active operations on this node. */
    active: () => operations.active(),
    dispose: () => credentials?.dispose(),
  };
}
