import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openLeanSocket } from './lean-socket';

const servers: { close(cb?: () => void): unknown }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

/** Opens a lean socket and collects what it hears, as text. */
function open(url: string, protocol?: string) {
  const frames: string[] = [];
  const errors: string[] = [];
  let opened!: () => void;
  const isOpen = new Promise<void>((r) => (opened = r));
  const socket = openLeanSocket(url, protocol, {
    open: () => opened(),
    frame: (data) => frames.push(data.toString()),
    error: (err) => errors.push(err.message),
  });
  return { socket, frames, errors, isOpen };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

describe('the load generator’s WebSocket client', () => {
  it('hears frames of every length, several in one read or one over many, and answers pings', async () => {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    servers.push(wss);
    const url = await listen(http);
    const big = 'x'.repeat(300_000); // a 64-bit length, and more than one read
    let pongs = 0;
    let said = '';
    wss.on('connection', (ws, req) => {
      expect(req.headers['sec-websocket-protocol']).toBe('graphql-transport-ws');
      ws.on('pong', () => pongs++);
      ws.on('message', (m: Buffer) => {
        said = m.toString();
        ws.send('short');
        ws.send('m'.repeat(1000)); // a 16-bit length
        ws.send(big);
        ws.ping();
      });
    });
    const c = open(url, 'graphql-transport-ws');
    await c.isOpen;
    c.socket.send('{"type":"connection_init"}');
    await until(() => c.frames.length === 3 && pongs === 1);
    expect(said).toBe('{"type":"connection_init"}');
    expect(c.frames.map((f) => f.length)).toEqual([5, 1000, big.length]);
    await c.socket.close();
    expect(c.errors).toEqual([]);
  });

  it('says so when the upgrade is refused or the connection ends before it', async () => {
    const refusing = createServer((_req, res) => res.writeHead(400).end());
    refusing.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const refused = open(await listen(refusing));
    const hangingUp = createServer();
    hangingUp.on('upgrade', (_req, socket) => socket.destroy());
    const cut = open(await listen(hangingUp));
    await until(() => refused.errors.length > 0 && cut.errors.length > 0);
    expect(refused.errors[0]).toMatch(/upgrade refused: HTTP\/1.1 400/);
    expect(cut.errors[0]).toMatch(/closed before the upgrade/);
  });
});
