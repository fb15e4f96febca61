import type { Writable } from 'node:stream';
import type pg from 'pg';

/**
 * Holds back a connection's writes until `release` runs the callback it is given (the next tick, the
 * loop's check phase), so the statements sent meanwhile leave in one write: the driver writes each
 * statement to the socket by itself, and on a small machine a system call per statement is most of
 * what a round trip costs. Returns the function to call before each statement. It reaches the
 * driver's socket (`client.connection.stream`) and does nothing where that is absent.
 */
export function heldWrites(client: pg.ClientBase, release: (uncork: () => void) => void): () => void {
  const stream = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
  if (typeof stream?.cork !== 'function') return () => undefined;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    release(uncork);
  };
}
