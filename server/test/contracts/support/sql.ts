import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../../src/adapters/postgres/database';
import { startEmbeddedPostgres } from '../../../src/adapters/postgres/embedded';
import { migrate } from '../../../src/adapters/postgres/migrate';
import { createPgUserStore } from '../../../src/adapters/postgres/user.store';
import { createTestDatabase } from '../../support/databases';

/** A migrated database for the SQL adapters' contract suites. */
export interface SqlFixture {
  db: Database;
  /** Makes `id` a valid user for foreign keys. */
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

function fixture(db: Database, close: () => Promise<void>): SqlFixture {
  const users = createPgUserStore(db);
  return {
    db,
    createUser: async (id) =>
      void (await users.create({ id, username: `u_${id}`, displayName: id.slice(0, 8), passwordHash: 'x' })),
    async dispose() {
      await db.dispose();
      await close();
    },
  };
}

/** Embedded PGlite in a temporary folder; one connection, as PGlite is a single backend. */
export async function openPglite(): Promise<SqlFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-contract-'));
  const embedded = await startEmbeddedPostgres(dir);
  await migrate(embedded.connectionString);
  return fixture(createDatabase({ connectionString: embedded.connectionString, max: 1 }), async () => {
    await embedded.dispose();
    await rm(dir, { recursive: true, force: true });
  });
}

/** A fresh database on the test PostgreSQL server, dropped on dispose. */
export async function openPostgres(): Promise<SqlFixture> {
  const testDb = await createTestDatabase();
  await migrate(testDb.url);
  return fixture(createDatabase({ connectionString: testDb.url, max: 10 }), () => testDb.drop());
}

/**
 * Runs every SQL adapter's contract suite on one database of `open`'s kind, opened once for the
 * file: suites share it (their data never collides: every test makes its own ids).
 */
export function sharedSql(open: () => Promise<SqlFixture>) {
  let opened: Promise<SqlFixture> | undefined;
  return {
    /** The shared database, opened on first use. */
    get: () => (opened ??= open()),
    /** Closes it; call once, after every suite of the file. */
    dispose: async () => (await opened)?.dispose(),
  };
}
