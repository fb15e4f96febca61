import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgAccessTokenStore } from '../../src/adapters/postgres/access-token.store';
import { createDatabase } from '../../src/adapters/postgres/database';
import { startEmbeddedPostgres } from '../../src/adapters/postgres/embedded';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createPgSessionStore } from '../../src/adapters/postgres/session.store';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { defineAccessTokenStoreContract } from './access-token-store.contract';

defineAccessTokenStoreContract('PGlite', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-contract-'));
  const embedded = await startEmbeddedPostgres(dir);
  await migrate(embedded.connectionString);
  // PGlite is a single backend: one connection.
  const db = createDatabase({ connectionString: embedded.connectionString, max: 1 });
  const users = createPgUserStore(db);
  return {
    store: createPgAccessTokenStore(db),
    sessions: createPgSessionStore(db),
    createUser: async (id) =>
      void (await users.create({ id, username: `u_${id}`, displayName: id.slice(0, 8), passwordHash: 'x' })),
    async dispose() {
      await db.dispose();
      await embedded.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
