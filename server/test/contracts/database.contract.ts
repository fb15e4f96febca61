import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Database, Queryable } from '../../src/adapters/postgres/database';

/**
 * The database handle's transactions, on a migrated database of the suite's kind. `serverBackends`:
 * each connection has a backend of its own that can be ended (PostgreSQL; not PGlite's one).
 */
export function defineDatabaseContract(name: string, open: () => Promise<Database>, serverBackends: boolean): void {
  const insertUser = (q: Queryable, id: string) =>
    q.query(
      `INSERT INTO users (id, username, username_lower, display_name, password_hash) VALUES ($1, $2, $2, 'x', 'x')`,
      [id, `db_${id}`],
    );
  const exists = async (db: Database, id: string) =>
    (await db.query('SELECT 1 FROM users WHERE id = $1', [id])).rows.length === 1;

  describe(`${name}: database transactions`, () => {
    it('commits the statements a transaction sent, also those it did not wait for', async () => {
      const db = await open();
      const [a, b] = [randomUUID(), randomUUID()];
      await db.transaction(async (q) => {
        void insertUser(q, a);
        void insertUser(q, b);
      });
      expect([await exists(db, a), await exists(db, b)]).toEqual([true, true]);
    });

    it('rolls back and rejects when a statement it did not wait for fails, leaving nothing', async () => {
      const db = await open();
      const [a, b] = [randomUUID(), randomUUID()];
      await insertUser(db, b);
      const failing = db.transaction(async (q) => {
        await insertUser(q, a);
        // A duplicate key: the transaction is aborted, and nothing of it may stand. Not even caught
        // here: an unanswered failure must not become an unhandled rejection.
        void insertUser(q, b);
        void q.query('SELECT 1');
        return 'done';
      });
      // With the failing statement's own error (a unique violation), not the refusals after it.
      await expect(failing).rejects.toMatchObject({ code: '23505' });
      expect(await exists(db, a)).toBe(false);
      // The connection is usable afterwards.
      await db.transaction(async (q) => void (await insertUser(q, a)));
      expect(await exists(db, a)).toBe(true);
    });

    // Only where each connection has a backend of its own that can be ended (not PGlite).
    if (serverBackends)
      it('rejects a transaction whose connection is lost, and goes on with a new one', async () => {
        const db = await open();
        const a = randomUUID();
        const lost = db.transaction(async (q) => {
          await insertUser(q, a);
          await q.query('SELECT pg_terminate_backend(pg_backend_pid())');
        });
        await expect(lost).rejects.toThrow();
        expect(await exists(db, a)).toBe(false);
        await db.transaction(async (q) => void (await insertUser(q, a)));
        expect(await exists(db, a)).toBe(true);
      });

    it('keeps its connection after a statement outside a transaction is refused, and goes on with it', async () => {
      const db = await open();
      const id = randomUUID();
      await insertUser(db, id);
      const before = db.poolStats().total;
      await expect(insertUser(db, id)).rejects.toMatchObject({ code: '23505' });
      expect(db.poolStats().total).toBe(before);
      const next = randomUUID();
      await insertUser(db, next);
      expect(await exists(db, next)).toBe(true);
    });

    it('rolls back when the function throws, after statements were sent', async () => {
      const db = await open();
      const a = randomUUID();
      await expect(
        db.transaction(async (q) => {
          void insertUser(q, a);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await exists(db, a)).toBe(false);
    });
  });

  // Standalone reads share one pipelined connection where the database has several (see read-lane.ts).
  describe(`${name}: database reads`, () => {
    it('answers reads sent together each with its own rows, and a read that fails fails alone', async () => {
      const db = await open();
      const reads = Array.from({ length: 40 }, (_, i) =>
        i === 17 ? db.query('SELECT 1 / $1::int AS n', [0]) : db.query('SELECT $1::int AS n', [i]),
      );
      const settled = await Promise.allSettled(reads);
      expect(settled[17]).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
      const values = settled.map((r) => (r.status === 'fulfilled' ? (r.value.rows[0] as { n: number }).n : null));
      expect(values).toEqual(Array.from({ length: 40 }, (_, i) => (i === 17 ? null : i)));
    });

    it("parses a statement's rows the same on every run, whichever way it is sent, rows not shared", async () => {
      const db = await open();
      // A read (the lane), a statement that is not a plain read (the pool), and the same in a transaction.
      const read = `SELECT $1::int AS n, count(*) OVER () AS total, now() AS at, $2::jsonb AS doc, NULL::text AS none`;
      const other = `WITH x AS (SELECT $1::int AS n) SELECT n, n > 1 AS big, $2::text[] AS tags FROM x`;
      const runs: Record<string, unknown>[] = [];
      for (let i = 0; i < 4; i++) {
        const a = (await db.query(read, [i, JSON.stringify({ i })])).rows[0]!;
        const b = (await db.query(other, [i, ['x', String(i)]])).rows[0]!;
        const c = await db.transaction(async (q) => (await q.query(read, [i, '[]'])).rows[0]!);
        runs.push(a, b, c);
        // What a caller does to one row is not seen in the next.
        a['n'] = -1;
        a['extra'] = true;
      }
      for (let i = 0; i < 4; i++) {
        const [a, b, c] = runs.slice(i * 3, i * 3 + 3) as Record<string, unknown>[];
        expect(a).toEqual({ n: -1, total: 1, at: expect.any(Date), doc: { i }, none: null, extra: true });
        expect(b).toEqual({ n: i, big: i > 1, tags: ['x', String(i)] });
        expect(c).toEqual({ n: i, total: 1, at: expect.any(Date), doc: [], none: null });
      }
    });

    it('reads what a committed write wrote, also when sent in the same turn as other reads', async () => {
      const db = await open();
      const a = randomUUID();
      await db.transaction(async (q) => void (await insertUser(q, a)));
      const [before, after] = await Promise.all([db.query('SELECT 1'), exists(db, a)]);
      expect(before.rows).toHaveLength(1);
      expect(after).toBe(true);
    });

    if (serverBackends) {
      it('answers reads while a slow read is still running', async () => {
        const db = await open();
        await db.query('SELECT 1');
        let slowDone = false;
        const slow = db.query('SELECT pg_sleep(1)').then(() => (slowDone = true));
        // The slow read has held its connection past the stall limit (50 ms) by the time the next comes.
        await new Promise((resolve) => setTimeout(resolve, 150));
        await db.query('SELECT 1');
        expect(slowDone).toBe(false);
        await slow;
      });

      it('fails the reads on a connection that is lost, and answers the next ones', async () => {
        const db = await open();
        await db.query('SELECT 1');
        await expect(db.query('SELECT pg_terminate_backend(pg_backend_pid())')).rejects.toThrow();
        await vi.waitFor(async () => expect((await db.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]));
        // Not a pool left short: a transaction still gets a connection.
        await db.transaction(async (q) => void (await q.query('SELECT 1')));
      });
    }
  });
}
