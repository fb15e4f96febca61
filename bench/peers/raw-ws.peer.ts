// Raw WebSocket broadcast, the floor the fan-out benchmark compares against: a socket joins one group
// by its URL (`/ws?group=g`); `POST /send {"group","text"}` serializes the message once and sends the
// same bytes to every member. No auth, no storage, no GraphQL.
//
//   PORT=4100 node --import tsx bench/peers/raw-ws.peer.ts
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const groups = new Map<string, Set<WebSocket>>();
let nextId = 1;

const server = createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  if (req.method !== 'POST' || req.url !== '/send') return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: { group?: unknown; text?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString()) as typeof body;
    } catch {
      return void res.writeHead(400).end();
    }
    const id = nextId++;
    // Encoded once: every member gets the same buffer, sent as a text frame.
    const frame = Buffer.from(JSON.stringify({ type: 'message', id, group: body.group, text: body.text }));
    for (const socket of groups.get(String(body.group)) ?? []) socket.send(frame, { binary: false });
    res.setHeader('content-type', 'application/json');
    res.end(`{"id":${id}}`);
  });
});

const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (socket, req) => {
  const group = new URL(req.url ?? '/', 'http://x').searchParams.get('group') ?? '';
  let members = groups.get(group);
  if (!members) groups.set(group, (members = new Set()));
  members.add(socket);
  socket.on('close', () => members.delete(socket));
  socket.send('{"type":"joined"}');
});

server.listen(Number(process.env['PORT'] ?? 4100), process.env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
