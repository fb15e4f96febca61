import { randomBytes } from 'node:crypto';
import pg from 'pg';

// `npm test` sets both, to a service it found or to '' when there is none: '' means none, and stops
// the fallback to the variables a developer's shell may hold for running the server.

/** PostgreSQL server for tests (a database on it is created per suite); unset skips those suites. */
export const TEST_DATABASE_URL = (process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL']) || undefined;
/** Redis for tests; unset skips the Redis suites. */
export const TEST_REDIS_URL = (process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL']) || undefined;

/**
 * Suite databases are named after the run's own database when the runner made one (`parley_test_…`,
 * `parley_ci_…`), so it can drop whatever an interrupted run left behind; else `parley_t_…`.
 */
function suiteDatabaseName(): string {
  const base = decodeURIComponent(new URL(TEST_DATABASE_URL!).pathname.slice(1));
  // PostgreSQL cuts names at 63 bytes; a longer one would no longer match its URL.
  const prefix = /^parley_(test|ci)_\w+$/.test(base) && base.length <= 48 ? base : 'parley_t';
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Creates an empty database on the test server and returns its URL and a dropper. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = suiteDatabaseName();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
