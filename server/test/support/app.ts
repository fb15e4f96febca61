import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueryResultRow } from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Queryable } from '../../src/adapters/postgres/database';
import { createParley, type ParleyApp, type ParleyOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from './databases';
import { RELAXED_LIMITS } from './limits';
import { startMongoEmulator } from './mongo-server';
import { seedPglite } from './pglite-template';

/** Storage a test app runs on; `mongo` is PostgreSQL with messages in the MongoDB emulator. */
export type TestMode = 'pglite' | 'postgres' | 'mongo';

/** An in-process Parley node on a random port, with its own fresh storage. */
export interface TestApp extends ParleyApp {
  /** Runs SQL on the node's own database (on PGlite, through its one connection) and returns the rows. */
  sql<R extends QueryResultRow = Record<string, any>>(text: string, params?: unknown[]): Promise<R[]>;
  /** The node's DATA_DIR (where an embedded node keeps its database and generated JWT secret). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a node; `env` overrides configuration variables. */
export async function startTestApp(
  mode: TestMode,
  env: Record<string, string> = {},
  options: ParleyOptions = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parley-test-'));
  const db = mode === 'pglite' ? null : await createTestDatabase();
  const mongo = mode === 'mongo' ? await startMongoEmulator() : null;
  if (mode === 'pglite' && !env['DATA_DIR']) await seedPglite(dataDir);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CLIENT_DIST_DIR: path.join(dataDir, 'no-client'),
    ...RELAXED_LIMITS,
    ...(db ? { DATABASE_URL: db.url, JWT_SECRET: 'test-secret-test-secret-test-secret-0123' } : {}),
    ...(mongo ? { MONGODB_URL: mongo.url } : {}),
    ...env,
  });
  let database: Queryable | undefined;
  const app = await createParley(config, {
    log: createLogger(config.LOG_LEVEL),
    ...options,
    onDatabase: (d) => {
      database = d;
      options.onDatabase?.(d);
    },
  });
  return {
    ...app,
    async sql<R extends QueryResultRow>(text: string, params?: unknown[]) {
      return (await database!.query<R>(text, params)).rows;
    },
    dataDir: config.DATA_DIR,
    async stop() {
      await app.dispose();
      await mongo?.stop();
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app of a suite, as `useTestApp` returns it: readable from the suite's hooks and tests on. */
export interface SuiteApp {
  readonly url: string;
  readonly dataDir: string;
}

/**
 * Starts a node before the tests of the enclosing `describe` and stops it after them (so not at all
 * where that suite is skipped); call it while the suite is being defined.
 */
export function useTestApp(mode: TestMode, env: Record<string, string> = {}, timeoutMs?: number): SuiteApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(mode, env);
  }, timeoutMs);
  afterAll(() => app?.stop());
  const running = (): TestApp => {
    if (!app) throw new Error('the suite app is read before its beforeAll has started it');
    return app;
  };
  return {
    get url() {
      return running().url;
    },
    get dataDir() {
      return running().dataDir;
    },
  };
}
