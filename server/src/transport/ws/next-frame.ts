import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

const tails = new WeakMap<ExecutionResult, Buffer>();

/** FIN and the text opcode: every frame written here is a whole text message. */
const FIN_TEXT = 0x81;

/**
 * The opening of one subscription's `next` messages, up to its id; built once when it subscribes.
 * The id is the client's string, so it is escaped as JSON rather than spliced raw. Kept as a string:
 * a small long-lived Buffer would pin a slab of Node's shared buffer pool as long as it lives.
 */
export const framePrefix = (id: string): string => `{"id":${JSON.stringify(id)}`;

function tailOf(result: ExecutionResult): Buffer {
  let tail = tails.get(result);
  if (!tail) {
    tail = Buffer.from(`,"type":"next","payload":${JSON.stringify(result)}}`);
    tails.set(result, tail);
  }
  return tail;
}

/**
 * A graphql-ws `next` message for a result without errors, as a whole WebSocket frame from the
 * server (text, unmasked). Every subscriber of one shared execution receives the same result
 * object, so the payload is serialized and encoded once per result and each socket only writes its
 * frame header and id prefix in front of it. The message matches graphql-ws's own
 * `{"id":…,"type":"next","payload":…}` byte for byte.
 */
export function nextFrame(prefix: string, result: ExecutionResult): Buffer {
  const tail = tailOf(result);
  const prefixBytes = Buffer.byteLength(prefix);
  const length = prefixBytes + tail.length;
  // RFC 6455 5.2: a 7-bit length, or 126 and 16 bits, or 127 and 64 bits.
  const header = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_TEXT;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(prefix, header);
  tail.copy(frame, header + prefixBytes);
  return frame;
}

/**
 * Writes a frame made by {@link nextFrame} to the socket's connection in one write, where
 * `socket.send` would frame it again and write header and message as two. Sound only while ws
 * writes each frame as it is sent, which it does without per-message compression (the server
 * turns it off; see `attachWebSocket`): nothing of ws's can be queued to go before it. The bytes
 * count in `bufferedAmount` as ws's own do.
 */
export function writeFrame(socket: WebSocket, frame: Buffer): void {
  (socket as unknown as { _socket: Duplex })._socket.write(frame);
}
