import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A PGlite database persisted under a directory and reachable over the Postgres wire protocol. */
export interface EmbeddedPostgres {
  /** A `postgres://` URL for `pg`, on a loopback port chosen at start. */
  connectionString: string;
  dispose(): Promise<void>;
}

/**
 * Starts PGlite with its files in `dataDir/pglite` behind a loopback socket server, so the same `pg`
 * code and SQL run in embedded mode as against PostgreSQL.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = path.resolve(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  // The extensions the migrations use, which PostgreSQL ships as contrib modules.
  const db = await PGlite.create(dir, { extensions: { unaccent, btree_gin } });
  // The pool keeps one connection, but pg drops it after a failed query and reconnects at once,
  // before this server has seen the old socket close: a second slot keeps that reconnect from being
  // refused ("Connection terminated unexpectedly" on the next query).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const conn = server.getServerConn();
  return {
    connectionString: `postgres://postgres@${conn}/postgres?sslmode=disable`,
    async dispose() {
      await server.stop();
      await db.close();
    },
  };
}
