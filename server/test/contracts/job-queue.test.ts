import { describe } from 'vitest';
import { createMemoryJobQueue } from '@parley/core/memory';
import { createPgBossQueue } from '../../src/adapters/jobs/pg-boss.queue';
import { needs } from '../support/needs';
import { defineJobQueueContract } from './job-queue.contract';
import { openPglite, openPostgres, type SqlFixture } from './support/sql';

defineJobQueueContract('memory', async () => {
  const queue = createMemoryJobQueue();
  return { queue, dispose: () => queue.stop() };
});

/** pg-boss on a migrated database; polling every half second keeps the contract quick. */
const onSql = (open: () => Promise<SqlFixture>) => async () => {
  const sql = await open();
  const queue = await createPgBossQueue({
    db: sql.db,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    onError: () => undefined,
  });
  return {
    queue,
    async dispose() {
      await queue.stop();
      await sql.dispose();
    },
  };
};

defineJobQueueContract('pg-boss on PGlite', onSql(openPglite));
describe.skipIf(needs('postgres'))('PostgreSQL', () =>
  defineJobQueueContract('pg-boss on PostgreSQL', onSql(openPostgres)),
);
