import { startTestApp, type TestApp } from '../support/app';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';

/** Where a suite writes (`writer`) and where its subscribers read (`reader`). */
export interface Topology {
  writer: string;
  reader: string;
  stop(): Promise<void>;
}

/** Load from a few users on one address: the abuse limits are not under test in these suites. */
const RELAXED = {
  RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
  RATE_SEND_PER_SECOND: '100000',
  RATE_SEND_BURST: '100000',
  RATE_DUPLICATE_MAX: '100000',
};

/** One embedded node in this process: writes and reads on it. */
export async function oneNode(env: Record<string, string>): Promise<Topology> {
  const app: TestApp = await startTestApp('pglite', { ...RELAXED, ...env });
  return { writer: app.url, reader: app.url, stop: () => app.stop() };
}

/** Two node processes sharing PostgreSQL and Redis: writes on one, reads on the other. */
export async function twoNodes(env: Record<string, string>): Promise<Topology> {
  const db = await createTestDatabase();
  const common = {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL!,
    JWT_SECRET: 'transport-test-secret-0123456789-abcd',
    LOG_LEVEL: 'warn',
    ...RELAXED,
    ...env,
  };
  const nodes: NodeProcess[] = [];
  const stop = async () => {
    for (const n of nodes) await stopNode(n);
    await db.drop();
  };
  try {
    // One after the other, so the second finds the migrations applied.
    nodes.push(await spawnNode(common));
    nodes.push(await spawnNode(common));
  } catch (err) {
    await stop();
    throw err;
  }
  return { writer: nodes[0]!.url, reader: nodes[1]!.url, stop };
}
