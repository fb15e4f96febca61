import type { WebSocket } from 'ws';

/**
 * A reader that does not keep up would make the server buffer without bound: past `maxBufferedBytes`
 * unsent, the socket is closed with 1013 and true is returned.
 */
export function isSlowConsumer(socket: WebSocket, maxBufferedBytes: number): boolean {
  if (socket.bufferedAmount <= maxBufferedBytes) return false;
  socket.close(1013, 'Slow consumer: too much unsent data');
  return true;
}
