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
    type Done = (err?: Error) => void;
    socket.send = ((data: string | Buffer, options?: object | Done, cb?: Done) => {
      const done = typeof options === 'function' ? options : cb;
      // Options matter to callers that send bytes as a text frame ({ binary: false }).
      send(data, typeof options === 'object' ? options : {});
      done?.();
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
