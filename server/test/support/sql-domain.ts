import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDomain, type TestDomain } from '@parley/core/testing';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import { createDatabase, type Database } from '../../src/adapters/postgres/database';
import { startEmbeddedPostgres } from '../../src/adapters/postgres/embedded';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { createTestDatabase } from './databases';
import { seedPglite } from './pglite-template';

/** Where a test domain keeps conversations and users. */
export type DomainStorage = 'memory' | 'pglite' | 'postgres';

/** The whole domain as `createTestDomain` wires it, with its SQL database when there is one. */
export type StorageTestDomain = TestDomain & {
  db: Database | null;
  /** Registers `n` users at once (one statement on SQL) and returns their ids. */
  registerUsers(n: number): Promise<string[]>;
};

/**
 * The domain on memory adapters, or with conversations and users in a fresh migrated PGlite or
 * PostgreSQL database (the server's adapters; pub/sub, presence and credentials stay in memory).
 * Faster than a server for tests that need many users: no sign-up, no password hashing.
 */
export async function openTestDomain(storage: DomainStorage): Promise<StorageTestDomain> {
  if (storage === 'memory') {
    const d = createTestDomain();
    return { ...d, db: null, registerUsers: (n) => Promise.all(Array.from({ length: n }, () => d.user('m'))) };
  }
  let url: string;
  let close: () => Promise<void>;
  if (storage === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-domain-'));
    await seedPglite(dir);
    const embedded = await startEmbeddedPostgres(dir);
    url = embedded.connectionString;
    close = async () => {
      await embedded.dispose();
      await rm(dir, { recursive: true, force: true });
    };
  } else {
    const testDb = await createTestDatabase();
    await migrate(testDb.url);
    url = testDb.url;
    close = testDb.drop;
  }
  // PGlite is one backend: one connection, as the server uses it.
  const db = createDatabase({ connectionString: url, max: storage === 'pglite' ? 1 : 10 });
  const d = createTestDomain({ store: createPgConversationStore(db), users: createPgUserStore(db) });
  return {
    ...d,
    db,
    async registerUsers(n) {
      const ids = Array.from({ length: n }, () => randomUUID());
      await db.query(
        `INSERT INTO users (id, username, username_lower, display_name, password_hash)
         SELECT id, 'm_' || left(id::text, 8) || right(id::text, 4), 'm_' || left(id::text, 8) || right(id::text, 4), 'm', 'x'
         FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      return ids;
    },
    async dispose() {
      await d.dispose();
      await db.dispose();
      await close();
    },
  };
}
