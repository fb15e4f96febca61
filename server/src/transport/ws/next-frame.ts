import type { ExecutionResult } from 'graphql';

const tails = new WeakMap<ExecutionResult, Buffer>();

/**
 * The opening of one subscription's `next` messages, up to its id: built once when it subscribes.
 * The id is the client's string, so it is escaped as JSON rather than spliced raw.
 */
export function framePrefix(id: string): Buffer {
  return Buffer.from(`{"id":${JSON.stringify(id)}`);
}

/**
 * A graphql-ws `next` message for a result without errors, as UTF-8 bytes. Every subscriber of one
 * shared execution receives the same result object, so the payload is serialized and encoded once
 * per result and each socket only copies its id prefix in front of it. Matches graphql-ws's own
 * `{"id":…,"type":"next","payload":…}` byte for byte.
 */
export function nextFrame(prefix: Buffer, result: ExecutionResult): Buffer {
  let tail = tails.get(result);
  if (!tail) {
    tail = Buffer.from(`,"type":"next","payload":${JSON.stringify(result)}}`);
    tails.set(result, tail);
  }
  return Buffer.concat([prefix, tail], prefix.length + tail.length);
}
