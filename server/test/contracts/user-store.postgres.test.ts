import { describe } from 'vitest';
import { createDatabase } from '../../src/adapters/postgres/database';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/databases';
import { defineUserStoreContract } from './user-store.contract';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL', () => {
  defineUserStoreContract('PostgreSQL', async () => {
    const testDb = await createTestDatabase();
    await migrate(testDb.url);
    const db = createDatabase({ connectionString: testDb.url, max: 10 });
    return {
      store: createPgUserStore(db),
      async dispose() {
        await db.dispose();
        await testDb.drop();
      },
    };
  });
});
