import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';
import { SmallMap, type Viewer } from '@parley/core';
import type { ClientOrigin } from '../client-address';
import type { Delivery, ResultSink } from '../execution/shared-execution';
import type { LoggedOperation } from '../streams/operation-log';
import { isSlowConsumer } from './backpressure';
import { framePrefix, nextFrame, writeFrame } from './next-frame';

const TEXT = { binary: false };

/**
 * What one socket holds for its life: who it is, whether it answered the last keep-alive ping and
 * its operations. Listeners and timers are shared by all sockets, so nothing here is a closure.
 */
export class Connection {
  viewer: Viewer | undefined = undefined;
  initReceived = false;
  /** Answered the last keep-alive ping (or has not been pinged yet). */
  alive = true;
  initTimer: NodeJS.Timeout | undefined = undefined;
  /** Operations by the client's id, from `subscribe` until they complete, fail or are cancelled. */
  readonly operations = new SmallMap<string, Operation>();

  constructor(
    readonly socket: WebSocket,
    /** Read from the upgrade request, which is not kept: its headers would stay for the socket's life. */
    readonly origin: ClientOrigin,
    /** Unique on this node; also the socket's keep-alive slice. */
    readonly socketId: number,
  ) {}

  get acknowledged(): boolean {
    return this.viewer !== undefined;
  }

  send(message: string | Buffer): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(message, TEXT);
  }
}

/** What every operation's writes share: the error format, the slow-consumer limit, metrics. */
export interface OperationOutput {
  maxBufferedBytes: number;
  format(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  /** A result with errors went out (for the operation log). */
  failed(op: Operation, codes: readonly unknown[]): void;
  /** A subscription's result was written to its socket. */
  delivered?: (() => void) | undefined;
  /** The operation's source ended, or failed with `error`. */
  ended(op: Operation, error?: unknown): void;
}

/**
 * One operation of a socket, and the sink its subscription results are written to. A result
 * without errors is shared by every subscriber of the same operation, so its bytes are serialized
 * once and only the id is spliced in per socket; results with errors go through the error format.
 */
export class Operation implements ResultSink, LoggedOperation {
  delivery: Delivery | undefined = undefined;
  startedAt: number | undefined = undefined;
  operationName: string | null = null;
  operationType: string | undefined = undefined;
  failures: unknown[] | undefined = undefined;
  userId: string | undefined = undefined;
  private readonly prefix: string;

  constructor(
    readonly connection: Connection,
    readonly id: string,
    private readonly out: OperationOutput,
  ) {
    this.prefix = framePrefix(id);
  }

  /** Still the socket's operation under its id: not completed, cancelled or closed with the socket. */
  get current(): boolean {
    return this.connection.operations.get(this.id) === this;
  }

  write(result: ExecutionResult): void {
    if (this.reply(result)) this.out.delivered?.();
  }

  end(error?: unknown): void {
    this.out.ended(this, error);
  }

  /** Sends one `next` message; false when the socket is gone or was closed as a slow consumer. */
  reply(result: ExecutionResult): boolean {
    const { socket } = this.connection;
    if (!this.current || socket.readyState !== socket.OPEN) return false;
    if (isSlowConsumer(socket, this.out.maxBufferedBytes)) return false;
    if (!result.errors?.length) {
      writeFrame(socket, nextFrame(this.prefix, result));
      return true;
    }
    const errors = this.out.format(result.errors);
    this.out.failed(
      this,
      errors.map((e) => e.extensions?.['code']),
    );
    socket.send(JSON.stringify({ id: this.id, type: 'next', payload: { ...result, errors } }), TEXT);
    return true;
  }
}
