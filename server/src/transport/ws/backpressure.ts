import type { WebSocket, WebSocketServer } from 'ws';

/**
 * graphql-ws waits until each frame is flushed before sending an operation's next one, which would
 * keep a slow reader's backlog in the event queues, out of `bufferedAmount`'s sight. Count a frame
 * as sent once it is queued on the socket, so the backlog sits in the socket's buffer where
 * {@link isSlowConsumer} sees it.
 */
export function countQueuedAsSent(wss: WebSocketServer): void {
  wss.on('connection', (socket: WebSocket) => {
    const send = socket.send.bind(socket);
    socket.send = ((data: string, ...rest: unknown[]) => {
      const cb = typeof rest[rest.length - 1] === 'function' ? (rest.pop() as (err?: Error) => void) : undefined;
      send(data);
      cb?.();
    }) as typeof socket.send;
  });
}

/**
 * A reader that does not keep up would make the server buffer without bound: past `maxBufferedBytes`
 * unsent, the socket is closed with 1013 and true is returned.
 */
export function isSlowConsumer(socket: WebSocket, maxBufferedBytes: number): boolean {
  if (socket.bufferedAmount <= maxBufferedBytes) return false;
  socket.close(1013, 'Slow consumer: too much unsent data');
  return true;
}
