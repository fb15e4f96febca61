import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The username that administers the e2e server (ADMIN_USERNAMES). */
export const E2E_ADMIN = 'e2e_admin';

const clientDir = resolve(import.meta.dirname, '../..');
const repoDir = resolve(clientDir, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const index = join(clientDir, 'dist/index.html');
  // The build configuration shapes the output too (the service worker is generated from vite.config.ts).
  const configs = ['vite.config.ts', 'index.html'].map((file) => statSync(join(clientDir, file)).mtimeMs);
  const sources = Math.max(newestMtime(join(clientDir, 'src')), newestMtime(join(clientDir, 'public')), ...configs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync('npm', ['run', 'build', '-w', 'client-vue'], { cwd: repoDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the client failed');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The server did not become healthy within 60 s');
}

/**
 * Builds the client when needed and starts a real server on a free port with a fresh data directory.
 * Access tokens live 30 s (the server's minimum) so the suite also crosses token refreshes. Every test user
 * signs up from 127.0.0.1, so the per-address sign-up limit (50 an hour by default) is raised above the
 * suite's count. The user named {@link E2E_ADMIN} (signed up by the suites that need one) administers the server.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildIfStale();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: repoDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '30',
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000',
      ADMIN_USERNAMES: E2E_ADMIN,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const url = `http://localhost:${port}`;
  await waitForHealth(url, child);
  process.env['PARLEY_E2E_URL'] = url;
  return async () => {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
