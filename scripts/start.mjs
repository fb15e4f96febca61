// `npm start`: builds the PWA when its build is missing or older than its sources, and the API explorer
// when its build is missing, then runs the server, which serves the app at /, the API at /graphql and
// the explorer at /explorer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(root, 'client-vue');
const built = path.join(client, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      entry.name === 'node_modules' ||
      entry.name === 'dist' ||
      entry.name.startsWith('.') ||
      entry.name === 'test-results'
    )
      continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (existsSync(path.join(client, 'package.json')) && existsSync(path.join(client, 'index.html'))) {
  const stale = !existsSync(built) || statSync(built).mtimeMs < newestMtime(client);
  if (stale) {
    console.log('Building the web app…');
    const r = spawnSync('npm', ['run', 'build', '-w', 'client-vue'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// The API explorer served at /explorer and to browsers at /graphql.
if (
  existsSync(path.join(root, 'explorer', 'package.json')) &&
  !existsSync(path.join(root, 'explorer', 'dist', 'index.html'))
) {
  console.log('Building the API explorer…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'explorer'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
