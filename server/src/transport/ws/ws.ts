import type { Server } from 'node:http';
import { handleProtocols } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import { originCheck } from './origin-check';
import type { WsProtocolDeps } from './ws.deps';
import { createWsProtocol } from './ws.protocol';

export type { WsLimits } from './ws.deps';

// With the default 12 s, a slice every 250 ms: about 200 of 10,000 sockets each time.
const KEEP_ALIVE_SLICES = 48;
/** How long a peer has to answer the close at shutdown before it is cut off. */
const CLOSE_GRACE_MS = 2000;

/** What the WebSocket endpoint needs from the composition root. */
export interface WsDeps extends WsProtocolDeps {
  server: Server;
  /** Browser origins allowed to open a socket besides the server's own; empty allows same-origin only. */
  corsOrigins: readonly string[];
}

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's `/graphql` path, for browsers
 * of the server's own origin and those in `corsOrigins`. See {@link createWsProtocol}.
 */
export function attachWebSocket(d: WsDeps) {
  const protocol = createWsProtocol(d);
  const wss = new WebSocketServer({
    server: d.server,
    path: '/graphql',
    maxPayload: d.limits.maxPayload,
    verifyClient: originCheck(d.corsOrigins),
    handleProtocols,
    WebSocket: protocol.Socket,
    // The protocol keeps its sockets itself; ws's own set would add a listener to every socket.
    clientTracking: false,
    // Off (ws's default too), and relied on: subscription results are written as whole frames
    // beside ws's sender (see `writeFrame`), which only holds messages back while it compresses.
    perMessageDeflate: false,
  });
  wss.on('connection', (socket, request) => protocol.open(socket, request));
  // Each socket is pinged once every `keepAliveMs`, a slice of them at a time: pinging 10,000 at
  // once (and reading their pongs) stalled every delivery for a quarter of a second.
  let slice = 0;
  const keepAlive = setInterval(
    () => protocol.keepAlive(slice++ % KEEP_ALIVE_SLICES, KEEP_ALIVE_SLICES),
    Math.max(1, Math.round(d.limits.keepAliveMs / KEEP_ALIVE_SLICES)),
  );
  keepAlive.unref();

  return {
    wss,
    /** Open sockets and active operations on this node. */
    stats: () => ({ connections: protocol.connections(), operations: protocol.active() }),
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    async dispose(): Promise<void> {
      clearInterval(keepAlive);
      protocol.dispose();
      // No new sockets first (without ws's client set this touches no open one), then wait for the
      // open ones' own endings (operations, presence) before what they use is disposed.
      const stopped = new Promise<void>((resolve) => wss.close(() => resolve()));
      await protocol.closeAll(1001, 'Server shutting down', CLOSE_GRACE_MS);
      await stopped;
    },
  };
}
