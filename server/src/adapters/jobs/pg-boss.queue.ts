import PgBoss from 'pg-boss';
import type { JobOptions, JobQueue } from '@parley/core';
import type { Queryable } from '../postgres/database';

/** Settings of {@link createPgBossQueue}. */
export interface PgBossQueueOptions {
  /** Runs pg-boss's statements: the node's own pool, so PGlite (one connection) works as PostgreSQL does. */
  db: Queryable;
  /** A job whose node dies is retried after this long. @default 60 */
  expireInSeconds?: number;
  /** Attempts after the first, with exponential backoff from `retryDelaySeconds`. @default 8 */
  retryLimit?: number;
  /** @default 2 */
  retryDelaySeconds?: number;
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5). @default 1 */
  pollingIntervalSeconds?: number;
  onError: (err: Error) => void;
}

/**
 * The answer to a statement sent after stop: nothing done. Completing or failing jobs reads a count
 * back (pg-boss does not catch there), everything else gets no rows.
 */
const DROPPED = (text: string) =>
  /SELECT COUNT\(\*\) FROM results/i.test(text) ? { rows: [{ count: 0 }], rowCount: 1 } : { rows: [], rowCount: 0 };

/**
 * Runs a step that nodes starting together on a fresh database may race on (pg-boss creating its
 * schema and queues): a deadlock or a duplicate from the other node means "try again".
 */
async function racing(step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 8 || (code !== '40P01' && code !== '23505' && code !== '42P07' && code !== '42710')) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

/** pg-boss's options for a job (shared by send and insert). */
const toOptions = (o: JobOptions = {}): { singletonKey?: string; singletonSeconds?: number; startAfter?: Date } => ({
  ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
  ...(o.singletonSeconds ? { singletonSeconds: o.singletonSeconds } : {}),
  ...(o.startAfterSeconds ? { startAfter: new Date(Date.now() + o.startAfterSeconds * 1000) } : {}),
});

/**
 * {@link JobQueue} on pg-boss, in the database Parley already has (PostgreSQL, or PGlite in
 * embedded mode): jobs are rows, so they outlive the node that queued them; a job whose node dies
 * mid-run expires and is retried; SKIP LOCKED hands each job to one worker at a time.
 */
export async function createPgBossQueue(o: PgBossQueueOptions): Promise<JobQueue> {
  // pg-boss completes a batch without waiting for it, so a statement can come after stop(): once stopped
  // they are dropped (a job left active expires and runs again), not sent to a pool being closed.
  let closed = false;
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values?: unknown[]) =>
        closed ? Promise.resolve(DROPPED(text)) : o.db.query(text, values),
    },
    // Maintenance (expiring and archiving) runs on every node; pg-boss takes a lock so one does it at a time.
    supervise: true,
    // Expired jobs (their node died) are found by maintenance: look often enough to retry them soon after.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.ceil((o.expireInSeconds ?? 60) / 2))),
    schedule: false,
    migrate: true,
  });
  boss.on('error', o.onError);
  await racing(() => boss.start());
  const created = new Set<string>();
  // Handlers still running: stopping waits for them, so the pool they use is not closed under them.
  const running = new Set<Promise<unknown>>();
  const policy = {
    retryLimit: o.retryLimit ?? 8,
    retryDelay: o.retryDelaySeconds ?? 2,
    retryBackoff: true,
    expireInSeconds: o.expireInSeconds ?? 60,
  };
  async function ensure(queue: string): Promise<void> {
    if (created.has(queue)) return;
    await racing(async () => {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, ...policy });
    });
    created.add(queue);
  }

  return {
    async work(queue, handler, { concurrency = 1 } = {}) {
      await ensure(queue);
      let workerId = '';
      workerId = await boss.work(
        queue,
        { includeMetadata: true, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1, batchSize: concurrency },
        async (jobs) => {
          // A batch runs at once; a job that throws is failed alone (and retried), the rest complete.
          const batch = Promise.all(
            jobs.map(async (job) => {
              try {
                await handler({ id: job.id, data: job.data as never, retryCount: job.retryCount });
              } catch (err) {
                // When even that fails (the node is stopping) the job expires and runs again elsewhere.
                await boss
                  .fail(queue, job.id, { message: (err as Error).message })
                  .catch((e: unknown) => o.onError(e as Error));
              }
            }),
          );
          running.add(batch);
          await batch.finally(() => running.delete(batch));
          // pg-boss waits a polling interval after every batch; a full batch means more are waiting.
          if (jobs.length === concurrency) boss.notifyWorker(workerId);
        },
      );
    },
    async send(queue, data, options) {
      await ensure(queue);
      return boss.send(queue, data, toOptions(options));
    },
    async sendMany(queue, jobs) {
      if (jobs.length === 0) return;
      await ensure(queue);
      for (let i = 0; i < jobs.length; i += 1000) {
        await boss.insert(
          jobs.slice(i, i + 1000).map((j) => ({ name: queue, data: j.data, ...toOptions(j.options), ...policy })),
        );
      }
    },
    async depth(queue) {
      await ensure(queue);
      return boss.getQueueSize(queue);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000, close: false });
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, 5000).unref())]);
      // pg-boss completes the last batch a moment after its handler returned: let it send that first.
      await new Promise((r) => setImmediate(r));
      closed = true;
    },
  };
}
