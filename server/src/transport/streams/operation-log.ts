import { getOperationAST, type DocumentNode } from 'graphql';
import type { OperationPipeline } from '../pipeline/operation-pipeline';

/** One log line per streamed operation, as over HTTP: when it completes, with its duration and outcome. */
export function createOperationLog(pipeline: OperationPipeline, transport: 'ws' | 'sse') {
  const started = new Map<
    string,
    { at: number; codes: unknown[]; name: string | null; type?: string; userId?: string }
  >();
  const key = (socketId: number, id: string) => `${socketId}:${id}`;
  function end(k: string, codes: readonly unknown[]): void {
    const op = started.get(k);
    if (!op) return;
    started.delete(k);
    pipeline.logOutcome({
      transport,
      userId: op.userId,
      operationName: op.name,
      ...(op.type ? { operation: op.type } : {}),
      durationMs: performance.now() - op.at,
      codes: [...op.codes, ...codes],
    });
  }
  return {
    start(socketId: number, id: string, name: string | null, userId: string | undefined): void {
      started.set(key(socketId, id), { at: performance.now(), codes: [], name, ...(userId ? { userId } : {}) });
    },
    /** The operation's type, and its name when the request gave none, once its document is parsed. */
    parsed(socketId: number, id: string, document: DocumentNode, name: string | null): void {
      const op = started.get(key(socketId, id));
      const ast = getOperationAST(document, name);
      if (!op || !ast) return;
      op.type = ast.operation;
      op.name ??= ast.name?.value ?? null;
    },
    /** A result of the operation carried errors with these codes. */
    failed(socketId: number, id: string, codes: readonly unknown[]): void {
      started.get(key(socketId, id))?.codes.push(...codes);
    },
    end: (socketId: number, id: string, codes: readonly unknown[] = []) => end(key(socketId, id), codes),
    /** Operations open now. */
    active: (): number => started.size,
    /** Operations still open when the socket goes end with it. */
    endSocket(socketId: number): void {
      const prefix = `${socketId}:`;
      for (const k of started.keys()) if (k.startsWith(prefix)) end(k, []);
    },
  };
}
