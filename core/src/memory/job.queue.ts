import { randomUUID } from 'node:crypto';
import type { Job, JobOptions, JobQueue } from '../ports/job-queue';

/** Backoff between attempts: 1 s, 2 s, 4 s … at most a minute; `retries` attempts after the first. */
const backoffMs = (retry: number) => Math.min(60_000, 1000 * 2 ** retry);

/**
 * {@link JobQueue} in process memory, for unit tests: the same singleton, delay and retry rules as
 * the durable queue, but jobs die with the process.
 */
export function createMemoryJobQueue(options: { retries?: number; onError?: (err: unknown) => void } = {}): JobQueue {
  const retries = options.retries ?? 5;
  const handlers = new Map<string, (job: Job<unknown>) => Promise<void>>();
  const pending = new Map<string, Job<unknown>[]>();
  const singletons = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const depth = new Map<string, number>();
  let stopped = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  function run(queue: string, job: Job<unknown>): void {
    const handler = handlers.get(queue);
    if (!handler) {
      pending.set(queue, [...(pending.get(queue) ?? []), job]);
      return;
    }
    handler(job).then(
      () => depth.set(queue, (depth.get(queue) ?? 1) - 1),
      (err: unknown) => {
        options.onError?.(err);
        if (job.retryCount >= retries || stopped) return void depth.set(queue, (depth.get(queue) ?? 1) - 1);
        later(backoffMs(job.retryCount), () => run(queue, { ...job, retryCount: job.retryCount + 1 }));
      },
    );
  }
  function enqueue(queue: string, data: object, o: JobOptions = {}): string | null {
    if (stopped) return null;
    if (o.singletonKey) {
      const slot = `${queue}|${o.singletonKey}|${Math.floor(Date.now() / 1000 / Math.max(1, o.singletonSeconds ?? 1))}`;
      if (singletons.has(slot)) return null;
      singletons.set(slot, Date.now());
    }
    const job: Job<unknown> = { id: randomUUID(), data: structuredClone(data), retryCount: 0 };
    depth.set(queue, (depth.get(queue) ?? 0) + 1);
    later((o.startAfterSeconds ?? 0) * 1000, () => run(queue, job));
    return job.id;
  }
  return {
    // Every job runs as soon as it is due, so any concurrency asked for is met.
    async work(queue, handler) {
      handlers.set(queue, handler as (job: Job<unknown>) => Promise<void>);
      for (const job of pending.get(queue) ?? []) run(queue, job);
      pending.delete(queue);
    },
    async send(queue, data, o) {
      return enqueue(queue, data, o);
    },
    async sendMany(queue, jobs) {
      for (const j of jobs) enqueue(queue, j.data, j.options);
    },
    async depth(queue) {
      return depth.get(queue) ?? 0;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
