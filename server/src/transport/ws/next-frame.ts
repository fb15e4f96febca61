import type { ExecutionResult } from 'graphql';

const tails = new WeakMap<ExecutionResult, Buffer>();

/**
 * The opening of one subscription's `next` messages, up to its id; built once when it subscribes.
 * The id is the client's string, so it is escaped as JSON rather than spliced raw. Kept as a string:
 * a small long-lived Buffer would pin a slab of Node's shared buffer pool as long as it lives.
 */
export const framePrefix = (id: string): string => `{"id":${JSON.stringify(id)}`;

/**
 * A graphql-ws `next` message for a result without errors, as UTF-8 bytes. Every subscriber of one
 * shared execution receives the same result object, so the payload is serialized and encoded once
 * per result and each socket only writes its id prefix in front of it. Matches graphql-ws's own
 * `{"id":…,"type":"next","payload":…}` byte for byte.
 */
export function nextFrame(prefix: string, result: ExecutionResult): Buffer {
  let tail = tails.get(result);
  if (!tail) {
    tail = Buffer.from(`,"type":"next","payload":${JSON.stringify(result)}}`);
    tails.set(result, tail);
  }
  const bytes = Buffer.byteLength(prefix);
  const frame = Buffer.allocUnsafe(bytes + tail.length);
  frame.write(prefix, 0);
  tail.copy(frame, bytes);
  return frame;
}
