import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stopProcess } from './redis-server';

/** A real MongoDB replica set for the second lane; unset skips it. */
export const TEST_MONGODB_URL = process.env['TEST_MONGODB_URL'] || undefined;

const PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';

/** The emulator binary, or why there is none here (it is an optional dependency for linux-x64 glibc). */
export function mongoEmulatorBinary(): { bin: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      missing: `the MongoDB emulator (${PACKAGE}) runs on linux-x64 only, not ${process.platform}-${process.arch}`,
    };
  }
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
    const bin = path.join(dir, 'bin', 'jongodb');
    return existsSync(bin) ? { bin } : { missing: `${PACKAGE} has no bin/jongodb` };
  } catch {
    return { missing: `${PACKAGE} is not installed (an optional dependency: npm ci installs it on linux-x64 glibc)` };
  }
}

/** A running emulator: a single-node replica set, as the message store requires. */
export interface MongoEmulator {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a private emulator on a free port and resolves once it prints its URI: a single-node
 * replica set, or a standalone server when `standalone`.
 */
export async function startMongoEmulator({ standalone = false } = {}): Promise<MongoEmulator> {
  const found = mongoEmulatorBinary();
  if ('missing' in found) throw new Error(found.missing);
  const child: ChildProcess = spawn(
    found.bin,
    standalone
      ? ['--port=0', '--topology-profile=standalone']
      : ['--port=0', '--topology-profile=singleNodeReplicaSet', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the MongoDB emulator did not start:\n${out}`)), 15_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /JONGODB_URI=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the MongoDB emulator exited with ${code}:\n${out}`));
    });
  });
  // The emulator does not stream heartbeats (the driver's default with MongoDB 4.4+): poll instead.
  const polled = new URL(url);
  polled.searchParams.set('serverMonitoringMode', 'poll');
  return { url: polled.toString(), stop: () => stopProcess(child) };
}

/** `url` with a database of its own, so a test starts from empty collections on a shared server. */
export function scratchMongoUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `/parley_test_${Math.random().toString(36).slice(2, 10)}`;
  return u.toString();
}
