import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { OperationOutcome, OperationPipeline } from '../pipeline/operation-pipeline';
import { createOperationLog, type LoggedOperation } from './operation-log';

const operation = (): LoggedOperation => ({});
const operationOf = (source: string, name: string | null) => getOperationAST(parse(source), name);

function logWith() {
  const lines: OperationOutcome[] = [];
  const pipeline = { logOutcome: (r: OperationOutcome) => void lines.push(r) } as unknown as OperationPipeline;
  return { log: createOperationLog(pipeline, 'ws'), lines };
}

describe('streamed operation log', () => {
  it('logs an operation once when it ends, with its type, its name from the document, and the codes of its errors', () => {
    const { log, lines } = logWith();
    const op = operation();
    log.start(op, null, 'u1');
    log.parsed(op, operationOf('subscription Feed { myEvents { __typename } }', null));
    expect(log.active()).toBe(1);
    log.failed(op, ['FORBIDDEN']);
    log.end(op, ['INTERNAL_SERVER_ERROR']);
    log.end(op);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      transport: 'ws',
      userId: 'u1',
      operationName: 'Feed',
      operation: 'subscription',
      codes: ['FORBIDDEN', 'INTERNAL_SERVER_ERROR'],
    });
    expect(lines[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(log.active()).toBe(0);
  });

  it('keeps the name the request gave, and ignores results of an operation already ended', () => {
    const { log, lines } = logWith();
    const op = operation();
    log.start(op, 'B', undefined);
    log.parsed(op, operationOf('query A { __typename } query B { __typename }', 'B'));
    log.end(op);
    log.failed(op, ['LATE']);
    expect(lines).toEqual([expect.objectContaining({ operationName: 'B', operation: 'query', codes: [] })]);
    expect(op.failures).toBeUndefined();
  });

  it('counts operations open across several, each ended once', () => {
    const { log } = logWith();
    const [a, b] = [operation(), operation()];
    log.start(a, null, 'u');
    log.start(b, null, 'u');
    expect(log.active()).toBe(2);
    log.end(a);
    log.end(a);
    expect(log.active()).toBe(1);
  });
});
