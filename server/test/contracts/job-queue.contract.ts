import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobQueue } from '@parley/core';
import { until } from '../support/client';

/** What each adapter's test hands the contract: a queue, and how to make a fresh one on the same storage. */
export interface JobQueueFixture {
  queue: JobQueue;
  dispose(): Promise<void>;
}

/** The behaviour every {@link JobQueue} adapter must have. */
export function defineJobQueueContract(name: string, factory: () => Promise<JobQueueFixture>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let f: JobQueueFixture;
    beforeAll(async () => {
      f = await factory();
    }, 60_000);
    afterAll(() => f?.dispose());
    const queueName = () => `q-${randomUUID().slice(0, 8)}`;

    it('runs each job sent, with its data, and counts what waits', async () => {
      const q = queueName();
      const seen: unknown[] = [];
      await f.queue.send(q, { n: 1 });
      expect(await f.queue.depth(q)).toBeGreaterThanOrEqual(1);
      await f.queue.work<{ n: number }>(q, async (job) => void seen.push(job.data));
      await f.queue.sendMany(q, [{ data: { n: 2 } }, { data: { n: 3 } }]);
      await until(() => seen.length === 3, 15_000);
      expect(seen.map((d) => (d as { n: number }).n).sort()).toEqual([1, 2, 3]);
      await until(async () => (await f.queue.depth(q)) === 0, 15_000);
    });

    it('retries a job whose handler throws, telling how often it failed', async () => {
      const q = queueName();
      const attempts: number[] = [];
      await f.queue.work(q, async (job: Job<object>) => {
        attempts.push(job.retryCount);
        if (job.retryCount === 0) throw new Error('not yet');
      });
      await f.queue.send(q, { x: 1 });
      await until(() => attempts.length === 2, 20_000);
      expect(attempts).toEqual([0, 1]);
    });

    it('keeps one job per singleton key and window, and waits for a start delay', async () => {
      const q = queueName();
      const options = { singletonKey: 'k', singletonSeconds: 60 };
      expect(await f.queue.send(q, { a: 1 }, options)).not.toBeNull();
      expect(await f.queue.send(q, { a: 2 }, options)).toBeNull();
      const ran: number[] = [];
      const sent = Date.now();
      await f.queue.send(q, { a: 3 }, { startAfterSeconds: 1 });
      await f.queue.work<{ a: number }>(q, async (job) => void ran.push(job.data.a));
      await until(() => ran.length === 2, 20_000);
      expect(ran.sort()).toEqual([1, 3]);
      expect(Date.now() - sent).toBeGreaterThanOrEqual(1000);
    });
  });
}
