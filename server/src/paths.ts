import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This module runs from server/src (tsx, Vitest) or bundled into a chunk directly under server/dist
// (scripts/build-server.mjs keeps chunks there): two levels below the repository root either way.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Files the server ships with, found the same way from the sources and from the build. */
export const PATHS = {
  /** SQL migrations, applied at start. */
  migrations: path.join(ROOT, 'server/migrations'),
  /** The built PWA, served at `/` unless `CLIENT_DIST_DIR` says otherwise. */
  clientDist: path.join(ROOT, 'client-vue/dist'),
  /** The built API explorer, unless `EXPLORER_DIST_DIR` says otherwise. */
  explorerDist: path.join(ROOT, 'explorer/dist'),
} as const;
