import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createOperationPipeline, type OperationOutcome } from './operation-pipeline';

const LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 5000, maxDirectives: 50, maxCost: 20_000 };

function pipelineLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const pipeline = createOperationPipeline({
    schema: buildSchema('type Query { a: Int }'),
    limits: LIMITS,
    introspection: true,
    log,
  });
  return { pipeline, lines };
}

const ok: OperationOutcome = {
  transport: 'http',
  requestId: 'r1',
  operationName: 'Send',
  operation: 'mutation',
  durationMs: 3,
  codes: [],
};
const failed: OperationOutcome = { ...ok, requestId: 'r2', codes: ['FORBIDDEN', 'FORBIDDEN'] };

describe('operation log lines', () => {
  it('writes a line at info for an operation that failed, and none for one that succeeded', () => {
    const { pipeline, lines } = pipelineLoggingAt('info');
    pipeline.logOutcome(ok);
    pipeline.logOutcome(failed);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'graphql',
        requestId: 'r2',
        outcome: 'error',
        errorCodes: ['FORBIDDEN'],
      }),
    ]);
  });

  it('writes every operation at debug, without its variables', () => {
    const { pipeline, lines } = pipelineLoggingAt('debug');
    pipeline.logOutcome(ok);
    pipeline.logOutcome(failed);
    expect(lines.map((l) => [l['level'], l['requestId'], l['outcome']])).toEqual([
      [20, 'r1', 'ok'],
      [30, 'r2', 'error'],
    ]);
    expect(lines[0]).toMatchObject({ operationName: 'Send', operation: 'mutation', durationMs: 3 });
    expect(JSON.stringify(lines)).not.toContain('variables');
  });
});
