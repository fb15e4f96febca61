import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import { createDatabase } from '../../src/adapters/postgres/database';
import { startEmbeddedPostgres } from '../../src/adapters/postgres/embedded';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgPresenceSettingsStore } from '../../src/adapters/postgres/presence-settings.store';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { definePresenceSettingsStoreContract } from './presence-settings-store.contract';

definePresenceSettingsStoreContract('PGlite', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-contract-'));
  const embedded = await startEmbeddedPostgres(dir);
  await migrate(embedded.connectionString);
  // PGlite is a single backend: one connection.
  const db = createDatabase({ connectionString: embedded.connectionString, max: 1 });
  return {
    store: createPgPresenceSettingsStore(db),
    users: createPgUserStore(db),
    conversations: createPgConversationStore(db),
    async dispose() {
      await db.dispose();
      await embedded.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
