import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELAXED_LIMITS } from './limits';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A Parley node running as its own process. */
export interface NodeProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote, for assertions on logs. */
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Stops a node, forcefully if it does not exit in 10 s; nothing when it is gone already. */
export async function stopNode(n: NodeProcess | undefined): Promise<void> {
  if (!n || n.child.exitCode !== null) return;
  n.kill('SIGTERM');
  const t = setTimeout(() => n.kill('SIGKILL'), 10_000);
  await n.exited;
  clearTimeout(t);
}

/** A free loopback port (the OS picks it; it is released just before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** What to run for a node. */
export interface NodeCommand {
  /** Arguments to node. @default the TypeScript sources through tsx */
  args?: string[];
  /** The node binary. @default the one running the tests */
  node?: string;
}

/**
 * Starts `server/src/main.ts` (or `command`) with `env` on a free port (unless `env.PORT` is given) and
 * waits until `/healthz` answers, whatever the log level. A node is one process unless `env.WORKERS` says.
 */
export async function spawnNode(
  env: Record<string, string>,
  timeoutMs = 60_000,
  command: NodeCommand = {},
): Promise<NodeProcess> {
  const port = env['PORT'] ?? String(await freePort());
  const args = command.args ?? ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(command.node ?? process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', WORKERS: '1', ...RELAXED_LIMITS, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (buf: Buffer) => {
    // Keep the head and the tail: enough to read startup errors without holding every request log.
    out = out.length > 200_000 ? out.slice(0, 100_000) + out.slice(-100_000) + buf.toString() : out + buf.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`node exited with ${exitCode} before listening:\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`node did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, output: () => out, exited, kill: (s = 'SIGTERM') => void child.kill(s) };
}
