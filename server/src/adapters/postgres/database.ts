import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import { heldWrites } from './held-writes';
import { createReadLane, isPlainRead } from './read-lane';
import { Statement, createStatements, sendOn } from './statement';

/** The narrow query surface the Postgres adapters use; a pool or a transaction's client. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A connection pool with transactions, shared by every Postgres adapter of one node. */
export interface Database extends Queryable {
  /**
   * Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws.
   * A statement `fn` sends without awaiting goes out with the next one; if it fails, the transaction
   * is rolled back and this rejects.
   */
  transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The same pool without the `onQuery` hook: background work that is not a request's statements. */
  readonly background: Queryable;
  /** Connections open, idle, and requests waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number };
  /** Most connections the pool opens. */
  readonly poolSize: number;
  dispose(): Promise<void>;
}

/** Options for {@link createDatabase}. */
export interface DatabaseOptions {
  connectionString: string;
  /** Pool size; PGlite needs 1 because it is a single backend. @default 10 */
  max?: number;
  /** Called for every statement sent, e.g. to count queries in tests. */
  onQuery?: (text: string) => void;
}

// node-postgres parses bigint (count(*)) as string; counts here always fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Creates a pooled database handle over `pg`. */
export function createDatabase(options: DatabaseOptions): Database {
  const max = options.max ?? 10;
  // Pipelined: a statement is sent without waiting for the answer to the one before, so a
  // transaction's BEGIN, savepoints and COMMIT travel with its other statements. Not on PGlite,
  // whose one backend answers one statement at a time.
  const pipelined = max > 1;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    pipeline: pipelined,
    // With one backend (PGlite) every statement queues for the one connection, so the wait is the
    // queue itself: a burst of a thousand reads is slow, not broken. A real pool that cannot hand
    // out a connection in 5 s is stuck and should say so.
    connectionTimeoutMillis: max === 1 ? 60_000 : 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const onQuery = options.onQuery;
  // Not on PGlite: its one backend outlives the driver's connections to it, and with them what
  // the driver knows of the statements prepared there.
  const statement = createStatements(max > 1);
  type Sender = { send<R extends QueryResultRow>(s: Statement): Promise<pg.QueryResult<R>> };
  const wrap = (q: Sender): Queryable => ({
    query: (text, params) => {
      onQuery?.(text);
      return q.send(statement(text, params));
    },
  });
  // Reads of many requests share a connection's writes (see createReadLane); not on PGlite's one
  // connection, and not where a pool of two would be left one for everything else.
  const lane = max > 2 ? createReadLane(pool) : undefined;
  const root = wrap({
    send: <R extends QueryResultRow>(s: Statement) =>
      (lane && isPlainRead(s.text) ? lane.send<R>(s) : null) ?? onPool<R>(pool, s),
  });

  return {
    query: (text, params) => root.query(text, params),
    async transaction(fn) {
      const client: PoolClient = await pool.connect();
      // A connection lost mid-transaction fails its statements; unheard, its 'error' would end the process.
      client.on('error', ignore);
      const conn = transactionStatements(client, pipelined);
      let broken: Error | undefined;
      try {
        // Pipelined, BEGIN goes out with the first statement instead of a round trip ahead of it;
        // should it fail, so does every statement after it.
        const begun = conn.send('BEGIN');
        if (!pipelined) await begun;
        const result = await fn(wrap(conn));
        const committed = await conn.send('COMMIT');
        await begun;
        // A statement `fn` sent without waiting for its answer failed: PostgreSQL then ends the
        // transaction it aborted with a rollback, and answers COMMIT with ROLLBACK.
        if (committed.command === 'ROLLBACK') throw conn.abortedBy();
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.off('error', ignore);
        // A connection that could not roll back is closed, not handed to the next transaction.
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    background: pool as unknown as Queryable,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    poolSize: max,
    async dispose() {
      lane?.dispose();
      await pool.end();
    },
  };
}

const ignore = () => undefined;

/**
 * Sends `s` on a connection of the pool's and gives it back. Not `pool.query`: that closes the
 * connection after any failed statement, also a refusal such as a unique violation, which leaves it
 * as usable as before (outside a transaction each statement ends its own); the pool still drops a
 * connection that was lost.
 */
async function onPool<R extends QueryResultRow>(pool: pg.Pool, s: Statement): Promise<pg.QueryResult<R>> {
  const client = await pool.connect();
  // Lost while checked out, the connection fails the statement; unheard, its 'error' would end the process.
  client.on('error', ignore);
  try {
    return await sendOn<R>(client, s);
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

/**
 * The statements of one transaction on its connection. Pipelined, each leaves at once and those of
 * one tick in one write (see {@link heldWrites}). Not pipelined, one after another:
 * the driver's own queueing of a statement sent while another runs is deprecated. Failures are kept,
 * as the statement that aborted the transaction may be one nobody waited for.
 */
function transactionStatements(client: PoolClient, pipelined: boolean) {
  const hold = pipelined ? heldWrites(client, process.nextTick) : undefined;
  let previous: Promise<unknown> = Promise.resolve();
  const failures: unknown[] = [];
  return {
    send<R extends QueryResultRow>(s: string | Statement): Promise<pg.QueryResult<R>> {
      const statement = typeof s === 'string' ? new Statement(s, undefined, undefined) : s;
      let sent: Promise<pg.QueryResult<R>>;
      if (hold) {
        hold();
        sent = sendOn<R>(client, statement);
      } else {
        sent = previous.then(() => sendOn<R>(client, statement));
        previous = sent.catch(ignore);
      }
      // Kept, and so never an unhandled rejection for a statement sent without waiting.
      sent.catch((err: unknown) => void failures.push(err));
      return sent;
    },
    /** Why PostgreSQL rolled the transaction back: the last failure that was not a refusal because of it. */
    abortedBy(): unknown {
      const cause = failures.findLast((e) => !isRefusedAfterFailure(e));
      return cause ?? new Error('The transaction was rolled back: a statement in it failed');
    },
  };
}

/** What PostgreSQL answers to each statement after one failed in a transaction. */
const IN_FAILED_TRANSACTION = '25P02';

/** True when PostgreSQL refused the statement only because one before it failed in its transaction. */
export const isRefusedAfterFailure = (err: unknown): boolean =>
  (err as { code?: string } | null | undefined)?.code === IN_FAILED_TRANSACTION;

/** True when PostgreSQL ended the statement's transaction to break a deadlock (or a serialization failure). */
export const isDeadlockVictim = (err: unknown): boolean =>
  ['40P01', '40001'].includes((err as { code?: string } | null | undefined)?.code ?? '');

/** True when `err` is a Postgres unique violation, optionally on the named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
