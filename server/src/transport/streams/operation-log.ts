import type { OperationDefinitionNode } from 'graphql';
import type { OperationPipeline } from '../pipeline/operation-pipeline';

/**
 * What the log needs of a streamed operation, kept on the transport's own object for it (a socket's
 * operation, an SSE stream) rather than in a table of its own: a subscription lives as long as its
 * socket, and an entry per operation would be memory every idle subscriber holds.
 */
export interface LoggedOperation {
  /** When it started (`performance.now()`); undefined before `start` and after `end`. */
  startedAt?: number | undefined;
  operationName?: string | null;
  operationType?: string | undefined;
  /** Codes of errors in results so far, made on the first. */
  failures?: unknown[] | undefined;
  userId?: string | undefined;
}

/** One log line per streamed operation, as over HTTP: when it completes, with its duration and outcome. */
export function createOperationLog(pipeline: OperationPipeline, transport: 'ws' | 'sse') {
  let active = 0;
  return {
    start(op: LoggedOperation, name: string | null, userId: string | undefined): void {
      if (op.startedAt === undefined) active++;
      op.startedAt = performance.now();
      op.operationName = name;
      op.userId = userId;
    },
    /** The operation's type, and its name when the request gave none, once its document is parsed. */
    parsed(op: LoggedOperation, ast: OperationDefinitionNode | null | undefined): void {
      if (op.startedAt === undefined || !ast) return;
      op.operationType = ast.operation;
      op.operationName ??= ast.name?.value ?? null;
    },
    /** A result of the operation carried errors with these codes. */
    failed(op: LoggedOperation, codes: readonly unknown[]): void {
      if (op.startedAt !== undefined) (op.failures ??= []).push(...codes);
    },
    /** Logs the operation's outcome once; later calls do nothing. */
    end(op: LoggedOperation, codes: readonly unknown[] = []): void {
      if (op.startedAt === undefined) return;
      active--;
      pipeline.logOutcome({
        transport,
        userId: op.userId,
        operationName: op.operationName ?? null,
        ...(op.operationType ? { operation: op.operationType } : {}),
        durationMs: performance.now() - op.startedAt,
        codes: [...(op.failures ?? []), ...codes],
      });
      op.startedAt = undefined;
      op.failures = undefined;
    },
    /** Operations open now. */
    active: (): number => active,
  };
}
