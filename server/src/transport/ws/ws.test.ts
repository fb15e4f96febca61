import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Logger } from '../../logger';
import { attachWebSocket, type WsDeps } from './ws';

const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

/** The WebSocket endpoint on a bare HTTP server, with what the protocol needs stubbed. */
async function endpoint(told: string[]) {
  const server = createServer();
  let n = 0;
  const ws = attachWebSocket({
    server,
    corsOrigins: [],
    schema: buildSchema('type Query { a: Int }'),
    trustProxy: false,
    pipeline: {} as WsDeps['pipeline'],
    authenticate: async () =>
      ({ userId: `u${++n}`, sessionId: `s${n}` }) as Awaited<ReturnType<WsDeps['authenticate']>>,
    presence: { connected() {}, active() {}, disconnected: (id: string) => told.push(id) },
    context: () => ({}) as ReturnType<WsDeps['context']>,
    log: quiet,
    operationRate: { consume: async () => undefined } as unknown as WsDeps['operationRate'],
    limits: {
      maxPayload: 100_000,
      maxSubscriptions: 10,
      maxSocketsPerUser: 10,
      maxBufferedBytes: 1_000_000,
      operationsPerSecond: 10,
      keepAliveMs: 12_000,
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, ws, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe('WebSocket endpoint', () => {
  it("closes every socket on dispose and resolves only after each socket's own ending ran", async () => {
    const told: string[] = [];
    const { server, ws, url } = await endpoint(told);
    const clients = await Promise.all(
      [0, 1, 2].map(async () => {
        const c = new WebSocket(url, 'graphql-transport-ws');
        await once(c, 'open');
        c.send(JSON.stringify({ type: 'connection_init' }));
        await once(c, 'message');
        return c;
      }),
    );
    expect(ws.stats().connections).toBe(3);
    const codes = clients.map((c) => once(c, 'close').then(([code]) => code as number));
    await ws.dispose();
    // Presence heard of every socket before what it uses could be disposed after this.
    expect(told).toHaveLength(3);
    expect(ws.stats().connections).toBe(0);
    expect(await Promise.all(codes)).toEqual([1001, 1001, 1001]);
    server.close();
  });

  it('cuts off a peer that does not answer the close, within the grace period', async () => {
    const told: string[] = [];
    const { server, ws, url } = await endpoint(told);
    const c = new WebSocket(url, 'graphql-transport-ws');
    await once(c, 'open');
    c.send(JSON.stringify({ type: 'connection_init' }));
    await once(c, 'message');
    // Reads nothing more, so it never sees the server's close frame to answer it.
    c.pause();
    const started = performance.now();
    await ws.dispose();
    // Not before the grace period (2 s), and not much after it.
    expect(performance.now() - started).toBeGreaterThan(1500);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(told).toHaveLength(1);
    c.terminate();
    server.close();
  });
});
