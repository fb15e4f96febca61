import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { PATHS } from '../../paths';

/**
 * Applies every pending SQL migration in `server/migrations` and returns their names. Nodes starting
 * together on one database take turns: one that finds another migrating waits and tries again.
 */
export async function migrate(
  connectionString: string,
  log: (msg: string) => void = () => undefined,
): Promise<string[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await migrateOnce(connectionString, log);
    } catch (err) {
      if (!/another migration is already running/i.test((err as Error).message) || Date.now() > deadline) throw err;
      log('another node is migrating; waiting');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function migrateOnce(connectionString: string, log: (msg: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: PATHS.migrations,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      log,
      logger: { info: log, warn: log, error: log, debug: () => undefined },
      verbose: false,
    });
    return applied.map((m) => m.name);
  } finally {
    await client.end();
  }
}
