import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { Connection, Operation, type OperationOutput } from './ws.connection';

describe('a connection’s operations', () => {
  const connection = () => new Connection({} as WebSocket, {} as IncomingMessage);
  const op = (c: Connection, id: string) => new Operation(c, id, {} as OperationOutput);

  it('finds, counts and removes operations by id, from one to several and back', () => {
    const c = connection();
    const [a, b, d] = [op(c, 'a'), op(c, 'b'), op(c, 'd')];
    expect([c.operationCount, c.operation('a')]).toEqual([0, undefined]);
    c.addOperation(a);
    expect([c.operationCount, c.operation('a'), c.operation('b')]).toEqual([1, a, undefined]);
    expect(a.current).toBe(true);
    c.addOperation(b);
    c.addOperation(d);
    expect([c.operationCount, c.operation('a'), c.operation('b'), c.operation('d')]).toEqual([3, a, b, d]);
    c.removeOperation('b');
    expect([c.operationCount, c.operation('b'), b.current]).toEqual([2, undefined, false]);
    expect(c.takeOperations()).toEqual([a, d]);
    expect([c.operationCount, a.current]).toEqual([0, false]);
  });

  it('does not take an operation for another with the same id', () => {
    const c = connection();
    const first = op(c, 'x');
    c.addOperation(first);
    c.removeOperation('y');
    expect(c.operation('x')).toBe(first);
    c.removeOperation('x');
    const again = op(c, 'x');
    c.addOperation(again);
    expect([first.current, again.current]).toEqual([false, true]);
  });
});
