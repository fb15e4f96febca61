import { describe } from 'vitest';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import { createDatabase } from '../../src/adapters/postgres/database';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgPresenceSettingsStore } from '../../src/adapters/postgres/presence-settings.store';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/databases';
import { definePresenceSettingsStoreContract } from './presence-settings-store.contract';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL', () => {
  definePresenceSettingsStoreContract('PostgreSQL', async () => {
    const testDb = await createTestDatabase();
    await migrate(testDb.url);
    const db = createDatabase({ connectionString: testDb.url, max: 10 });
    return {
      store: createPgPresenceSettingsStore(db),
      users: createPgUserStore(db),
      conversations: createPgConversationStore(db),
      async dispose() {
        await db.dispose();
        await testDb.drop();
      },
    };
  });
});
