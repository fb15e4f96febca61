// `npm start`: builds what is missing or stale (the PWA, the API explorer, the server bundle), then runs
// the compiled server, which serves the app at /, the API at /graphql and the explorer at /explorer.
// An app whose directory is configured (CLIENT_DIST_DIR, EXPLORER_DIST_DIR) is served as it is, not built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, newestMtime, serverBuildStale } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function buildWorkspace(name, what) {
  console.log(`Building ${what}…`);
  const r = spawnSync('npm', ['run', 'build', '-w', name], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const client = path.join(root, 'client-vue');
const clientBuilt = path.join(client, 'dist', 'index.html');
if (!process.env.CLIENT_DIST_DIR && existsSync(path.join(client, 'index.html'))) {
  if (!existsSync(clientBuilt) || statSync(clientBuilt).mtimeMs < newestMtime(client)) {
    buildWorkspace('client-vue', 'the web app');
  }
}

// The API explorer served at /explorer and to browsers at /graphql.
const explorer = path.join(root, 'explorer');
if (
  !process.env.EXPLORER_DIST_DIR &&
  existsSync(path.join(explorer, 'package.json')) &&
  !existsSync(path.join(explorer, 'dist', 'index.html'))
) {
  buildWorkspace('explorer', 'the API explorer');
}

if (serverBuildStale()) {
  console.log('Building the server…');
  await buildServer().catch((err) => {
    // Without dev dependencies (npm ci --omit=dev) there is no esbuild: say so in one line.
    console.error(`Building the server failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
