import { startEmbeddedPostgres } from './adapters/postgres/embedded';
import { migrate } from './adapters/postgres/migrate';
import { ConfigError, loadConfig } from './config';

// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
try {
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
  const applied = await migrate(config.DATABASE_URL ?? embedded!.connectionString);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to migrate.');
  await embedded?.dispose();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
