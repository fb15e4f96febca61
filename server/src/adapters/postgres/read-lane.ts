import type pg from 'pg';
import type { QueryResultRow } from 'pg';
import { heldWrites } from './held-writes';
import { sendOn, type Statement } from './statement';

/**
 * A statement that only reads: a SELECT without a locking clause. It never waits on a row lock, so
 * the lane is never held up behind a transaction (nor a transaction by the lane), and it leaves
 * nothing on the connection for the statements after it.
 */
const PLAIN_READ = /^\s*SELECT\b(?![\s\S]*\bFOR\s+(?:UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b)/i;

export const isPlainRead = (text: string): boolean => PLAIN_READ.test(text);

/** Options of {@link createReadLane}. */
export interface ReadLaneOptions {
  /** Reads waiting on the lane before further reads go through the pool instead. @default 64 */
  maxInFlight?: number;
  /**
   * How long the lane may go without an answer while reads wait on it before new reads go through
   * the pool instead: answers come in order, so one slow read (a search, an export) holds up those
   * sent after it, and no more than this. Not much less: a node busy delivering events reads its
   * answers late, and a lane taken for stalled then is batching lost. @default 50
   */
  stallMs?: number;
}

interface Lane {
  client: pg.PoolClient;
  /** Called before each read: its writes wait for the loop's check phase. */
  hold: () => void;
  inFlight: number;
  /** When the lane last answered a read, or took one while it had none waiting. */
  progressAt: number;
  lost: boolean;
}

/**
 * Reads from many requests, sent together on one pipelined connection held from the pool: a read is
 * sent without waiting for the reads before it, and the reads of one turn of the event loop leave in
 * one write (the socket is corked until the loop's check phase). Under load a send's standalone
 * reads (its session, its idempotency key, its sender) then share their system call and the
 * backend's wake-up with other requests' reads, where through the pool each takes a write and a
 * wake-up of its own: on a small machine those are most of what a read costs the node. PostgreSQL
 * answers each read after its own Sync, so a read that fails fails alone. Until the lane is
 * connected, while it has `maxInFlight` reads waiting and while it is stalled, reads go through the
 * pool as before. One lane per node process: several nodes (`WORKERS`) have one each.
 */
export function createReadLane(pool: pg.Pool, options: ReadLaneOptions = {}) {
  const maxInFlight = options.maxInFlight ?? 64;
  const stallMs = options.stallMs ?? 50;
  let lane: Lane | null = null;
  let opening = false;
  let disposed = false;

  function open(): void {
    if (opening || disposed) return;
    opening = true;
    pool.connect().then(
      (client) => {
        opening = false;
        if (disposed) return client.release();
        const opened: Lane = {
          client,
          hold: heldWrites(client, setImmediate),
          inFlight: 0,
          progressAt: 0,
          lost: false,
        };
        // A lost connection fails the reads on it (their callers hear of it); the next read opens another.
        client.on('error', () => lose(opened));
        client.on('end', () => lose(opened));
        lane = opened;
      },
      () => {
        opening = false;
      },
    );
  }

  function lose(lost: Lane): void {
    if (lost.lost) return;
    lost.lost = true;
    if (lane === lost) lane = null;
    lost.client.release(new Error('The read connection was lost'));
  }

  /** The lane when it can take a read now. */
  function ready(): Lane | null {
    if (!lane) {
      open();
      return null;
    }
    if (lane.inFlight === 0) return lane;
    return lane.inFlight < maxInFlight && Date.now() - lane.progressAt < stallMs ? lane : null;
  }

  return {
    /** Sends `s` on the lane; null when the lane cannot take it now (send it through the pool). */
    send<R extends QueryResultRow>(s: Statement): Promise<pg.QueryResult<R>> | null {
      const l = ready();
      if (!l) return null;
      l.hold();
      if (l.inFlight++ === 0) l.progressAt = Date.now();
      const sent = sendOn<R>(l.client, s);
      const answered = () => {
        l.inFlight--;
        l.progressAt = Date.now();
      };
      sent.then(answered, answered);
      return sent;
    },
    dispose(): void {
      disposed = true;
      const held = lane;
      lane = null;
      if (!held || held.lost) return;
      held.lost = true; // its end, when the pool closes it, is not a loss
      held.client.release();
    },
  };
}
