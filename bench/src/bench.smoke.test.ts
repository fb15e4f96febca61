// The benchmark command still runs end to end: tiny loads, no figures checked (benchmarks measure,
// tests do not time), only that each scenario starts its targets, runs its steps and prints its result.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { needs } from '@parley/server/testing/needs';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const bench = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['scripts/bench.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 150_000,
    maxBuffer: 16 * 1024 * 1024,
  });

describe('npm run bench', () => {
  it('lists the scenarios without one, and refuses one it does not know', async () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['bench']).toBe('node scripts/bench.mjs');
    const listed = await bench([]);
    expect(listed.stderr).toMatch(/Scenarios: .*durable-sends, fanout,/);
    // The scripts' parts (imported by a scenario) are not scenarios.
    expect(listed.stderr).not.toMatch(/support|fanout\.ladder|fanout\.targets|heap\.probe|lean-socket/);
    const unknown = await bench(['no-such-scenario']).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(unknown?.code).toBe(1);
    expect(unknown?.stderr).toContain('No scenario "no-such-scenario"');
  });

  describe.skipIf(needs('postgres', 'redis'))('with PostgreSQL and Redis', () => {
    it('runs the fan-out ladder against raw ws, the tutorial stack and Parley and prints one table', async () => {
      const { stdout } = await bench(['fanout', '20', 'raw,tutorial,parley', '10'], { FANOUT_RATES: '5,10' });
      for (const target of ['raw ws broadcast', 'tutorial stack', 'Parley (PostgreSQL + Redis)']) {
        expect(stdout).toMatch(new RegExp(`^\\| ${target.replace(/[()+]/g, '\\$&')} \\| [\\d,]+ \\|`, 'm'));
      }
    }, 150_000);

    it('runs durable sends and prints their figures with the count of refused sends', async () => {
      const { stdout } = await bench(['durable-sends', '40', '2', '4']);
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(result).toMatchObject({ store: 'postgresql', messages: 40, sendErrors: 0 });
      expect(result['sendsPerSecond']).toBeGreaterThan(0);
    }, 150_000);
  });
});
