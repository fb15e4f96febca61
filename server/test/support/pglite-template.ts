import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../../src/adapters/postgres/embedded';
import { migrate } from '../../src/adapters/postgres/migrate';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * A migrated PGlite data directory, made once per set of migrations and reused: creating a
 * cluster takes seconds, copying one takes milliseconds.
 */
async function template(): Promise<string> {
  const hash = createHash('sha256');
  for (const f of (await readdir(MIGRATIONS)).sort()) hash.update(f).update(await readFile(path.join(MIGRATIONS, f)));
  const dir = path.join(tmpdir(), 'parley-pglite-template', hash.digest('hex').slice(0, 16));
  if (existsSync(path.join(dir, 'ready'))) return dir;
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const db = await startEmbeddedPostgres(staging);
  await migrate(db.connectionString);
  await db.dispose();
  await writeFile(path.join(staging, 'ready'), '');
  // Another worker may have finished first; either copy is as good.
  await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  return dir;
}

/** Puts a fresh copy of the migrated template into `dataDir`, as embedded mode lays it out. */
export async function seedPglite(dataDir: string): Promise<void> {
  await cp(path.join(await template(), 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
}
