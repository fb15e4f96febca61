// One command for the benchmarks: `npm run bench -- <scenario> [arguments…]` runs bench/src/<scenario>.ts
// with PostgreSQL and Redis found as `npm test` finds them (TEST_DATABASE_URL / TEST_REDIS_URL when set,
// otherwise the machine's own at 127.0.0.1, with a database of its own for the run, dropped at the end).
// Without a scenario it lists them. Each scenario's arguments and results are in bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, findRedis, serviceEnv } from './test-services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'bench', 'src');
// Scenarios are the scripts; these are their parts.
const PARTS = new Set(['support', 'fanout.ladder', 'fanout.targets', 'heap.probe']);
const scenarios = readdirSync(sources)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .filter((name) => !PARTS.has(name))
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
const missing = services.filter((s) => !s.url);
let code = 1;
if (missing.length > 0) {
  // Every scenario drives real servers on PostgreSQL (most on Redis too): no figures without them.
  console.error(`\nCannot run ${scenario}: ${missing.map((s) => s.missing).join('; ')}.`);
} else {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  if (!existsSync(tsx)) throw new Error('tsx is not installed: run npm install first');
  const child = spawn(process.execPath, ['--import', 'tsx', join(sources, `${scenario}.ts`), ...args], {
    cwd: root,
    env: { ...process.env, ...serviceEnv(services) },
    stdio: 'inherit',
  });
  // Ctrl-C reaches the scenario too (same process group); the run's database is dropped after it ends.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
}
for (const s of services) {
  const warning = await s.cleanup?.();
  if (warning) console.error(warning);
}
process.exit(code);
