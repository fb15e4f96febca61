// One command for the benchmarks: `npm run bench -- <scenario> [arguments…]` runs bench/src/<scenario>.ts
// with PostgreSQL and Redis found as `npm test` finds them (TEST_DATABASE_URL / TEST_REDIS_URL when set,
// otherwise the machine's own at 127.0.0.1, with a database of its own for the run, dropped at the end,
// also when the scenario is interrupted).
// Without a scenario it lists them. Each scenario's arguments and results are in bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, findRedis, serviceEnv } from './test-services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'bench', 'src');
// Scenarios are the scripts no other script imports; those imported are their parts.
const scripts = readdirSync(sources).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const parts = new Set(
  scripts.flatMap((f) =>
    [...readFileSync(join(sources, f), 'utf8').matchAll(/from '\.\/([\w.-]+)'/g)].map((m) => m[1]),
  ),
);
const scenarios = scripts
  .map((f) => f.slice(0, -'.ts'.length))
  .filter((name) => !parts.has(name))
  .sort();

const [scenario, ...args] = process.argv.slice(2);
if (!scenario || !scenarios.includes(scenario)) {
  if (scenario) console.error(`No scenario "${scenario}".`);
  console.error(`Usage: npm run bench -- <scenario> [arguments…]\nScenarios: ${scenarios.join(', ')}`);
  console.error('Arguments, and the figures measured on this project’s machine, are in bench/README.md.');
  process.exit(scenario ? 1 : 0);
}

const services = [await findPostgres(), await findRedis()];
for (const s of services) console.error(s.note);
const [postgres, redis] = services;
let code = 1;
if (!postgres.url) {
  // Every scenario drives real servers on PostgreSQL: no figures without it.
  console.error(`\nCannot run ${scenario}: ${postgres.missing}.`);
} else if (!existsSync(join(root, 'node_modules', 'tsx'))) {
  console.error('\ntsx is not installed: run npm install first.');
} else {
  // Most scenarios need Redis too; those that do say so when it is missing.
  if (!redis.url) console.error(`Without Redis: ${redis.missing}.`);
  code = await runScenario();
}
for (const s of services) {
  const warning = await s.cleanup?.();
  if (warning) console.error(warning);
}
process.exit(code);

/** Runs the scenario to its end; resolves with its exit code (128 + the signal's number if a signal ended it). */
function runScenario() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(sources, `${scenario}.ts`), ...args], {
    cwd: root,
    env: { ...process.env, ...serviceEnv(services) },
    stdio: 'inherit',
    // A process group of its own, so a signal reaches the servers it started too.
    detached: process.platform !== 'win32',
  });
  // Passed on to the scenario and its servers; the run's database is dropped once they have stopped.
  const pass = (signal) => {
    try {
      if (process.platform === 'win32') child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => pass(signal));
  return new Promise((resolve) => {
    child.once('error', (err) => {
      console.error(`Could not start ${scenario}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (c, signal) => resolve(c ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}
