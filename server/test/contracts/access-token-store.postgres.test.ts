import { describe } from 'vitest';
import { createPgAccessTokenStore } from '../../src/adapters/postgres/access-token.store';
import { createDatabase } from '../../src/adapters/postgres/database';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgSessionStore } from '../../src/adapters/postgres/session.store';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/databases';
import { defineAccessTokenStoreContract } from './access-token-store.contract';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL', () => {
  defineAccessTokenStoreContract('PostgreSQL', async () => {
    const testDb = await createTestDatabase();
    await migrate(testDb.url);
    const db = createDatabase({ connectionString: testDb.url, max: 10 });
    const users = createPgUserStore(db);
    return {
      store: createPgAccessTokenStore(db),
      sessions: createPgSessionStore(db),
      createUser: async (id) =>
        void (await users.create({ id, username: `u_${id}`, displayName: id.slice(0, 8), passwordHash: 'x' })),
      async dispose() {
        await db.dispose();
        await testDb.drop();
      },
    };
  });
});
