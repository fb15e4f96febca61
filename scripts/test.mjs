#!/usr/bin/env node
// Runs every test suite of the repository in a fixed order, keeps going after failures and ends with
// one line `N passed, N failed` (CI reads that line).
//
//   --quick         leaves out the browser tests
//   --fail-on-skip  counts every suite that could not run as a failure (CI: a skip there is a broken setup)
//
// First it finds PostgreSQL and Redis (scripts/test-services.mjs): the URLs in TEST_DATABASE_URL and
// TEST_REDIS_URL, else the machine's own at 127.0.0.1:5432 / :6379, with a database created for the
// run and dropped at the end (also on Ctrl-C). Then the steps, each only when its entry point exists:
//   schema:check, check:architecture, codegen:check (1 test each), root Vitest (server, schema, resolvers),
//   client Vitest (client-vue/vitest.config.ts), Playwright e2e (client-vue/playwright.config.ts),
//   explorer Playwright e2e (explorer/playwright.config.ts).
// Every suite that did not run (a test file whose services are missing, a browser step without
// Chromium) gets a line saying why before the summary, so a partial run never looks complete.
//
// TEST_DEADLINE (Unix time in seconds) bounds the whole run: a step still running then is stopped and
// counted as failed, later steps are counted as failed without running.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, findRedis, serviceEnv } from './test-services.mjs';
import { createSteps } from './test-steps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FLAGS = ['--quick', '--fail-on-skip'];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const failOnSkip = args.includes('--fail-on-skip');
const unknown = args.filter((a) => !FLAGS.includes(a));
if (unknown.length > 0) {
  console.error(`test: unknown argument(s): ${unknown.join(' ')} (supported: ${FLAGS.join(', ')})`);
  process.exit(2);
}

const CHROMIUM = '/usr/bin/chromium'; // the playwright configs launch this one
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scripts = pkg.scripts ?? {};
const deadline = Number(process.env.TEST_DEADLINE) > 0 ? Number(process.env.TEST_DEADLINE) * 1000 : undefined;

let interrupted = false;
/** @type {ReturnType<typeof createSteps> | undefined} */
let steps;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // A second Ctrl-C stops a step that ignores the first; the database is dropped either way.
    steps?.kill(interrupted ? 'SIGKILL' : signal);
    interrupted = true;
  });
}

console.log('=== services ===');
const services = await Promise.all([findPostgres(), findRedis()]);
for (const s of services) console.log(`${s.failure ? '✗' : s.url ? '✓' : '-'} ${s.note}`);
// Opt-in: no MongoDB server can be installed here; the MongoDB store always runs on its emulator (lane A).
console.log(
  process.env.TEST_MONGODB_URL
    ? '✓ MongoDB: TEST_MONGODB_URL is set, the MongoDB store also runs against it (lane B)'
    : '- MongoDB: TEST_MONGODB_URL is not set, the MongoDB store runs on the emulator only (lane A)',
);

const tmp = mkdtempSync(join(tmpdir(), 'parley-test-'));
steps = createSteps({ root, tmp, deadline, env: serviceEnv(services) });

const configExists = (dir) =>
  ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs'].some((f) =>
    existsSync(join(root, dir, f)),
  );
/** Why a browser step cannot run here, if it cannot. */
const browserSkip = (config) =>
  quick
    ? '--quick'
    : !existsSync(join(root, config))
      ? `no ${config}`
      : !existsSync(CHROMIUM)
        ? `no Chromium at ${CHROMIUM} (apt-get install chromium)`
        : undefined;

/** @type {{ name: string, skip?: string, exec: () => Promise<import('./test-steps.mjs').StepResult> }[]} */
const plan = [
  {
    name: 'schema:check',
    skip: scripts['schema:check'] ? undefined : 'no schema:check script',
    exec: () => steps.script('schema:check'),
  },
  {
    name: 'check:architecture',
    skip: scripts['check:architecture'] ? undefined : 'no check:architecture script',
    exec: () => steps.script('check:architecture'),
  },
  {
    name: 'codegen:check',
    skip: scripts['codegen:check'] ? undefined : 'no codegen:check script',
    exec: () => steps.script('codegen:check'),
  },
  {
    name: 'vitest (server, schema, resolvers)',
    skip: configExists('.') ? undefined : 'no vitest.config.ts at the root',
    exec: () => steps.vitest('vitest-root', []),
  },
  {
    name: 'vitest (client-vue)',
    skip: configExists('client-vue') ? undefined : 'no client-vue/vitest.config.ts',
    exec: () => steps.vitest('vitest-client', ['--root', 'client-vue']),
  },
  {
    name: 'playwright (e2e)',
    skip: browserSkip('client-vue/playwright.config.ts'),
    exec: () => steps.playwright('client-vue/playwright.config.ts'),
  },
  {
    name: 'playwright (explorer)',
    skip: browserSkip('explorer/playwright.config.ts'),
    exec: () => steps.playwright('explorer/playwright.config.ts'),
  },
];

const results = [];
for (const step of plan) {
  let result;
  let ms = 0;
  if (step.skip) {
    result = { skipped: step.skip };
  } else if (interrupted) {
    result = { passed: 0, failed: 1, note: 'not run: interrupted' };
  } else if (deadline !== undefined && Date.now() >= deadline) {
    result = { passed: 0, failed: 1, note: 'not run: time budget exhausted' };
  } else {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    result = await step.exec();
    ms = Date.now() - started;
  }
  results.push({ name: step.name, ms, ...result });
}

rmSync(tmp, { recursive: true, force: true });
const warnings = [];
for (const s of services) {
  const warning = await s.cleanup?.();
  if (warning) warnings.push(warning);
}

let passed = 0;
let failed = 0;
console.log('\n=== summary ===');
for (const s of services.filter((x) => x.failure)) {
  console.log(`✗ ${s.failure}`);
  failed++;
}
/** Suites that did not run: whole steps, and test files from the reports. */
const skipped = [];
const flaky = [];
for (const r of results) {
  passed += r.passed ?? 0;
  failed += r.failed ?? 0;
  if (r.skipped) skipped.push({ what: r.name, reason: r.skipped });
  skipped.push(...(r.skips ?? []));
  flaky.push(...(r.flaky ?? []));
  const what = r.skipped
    ? `skipped (${r.skipped})`
    : `${r.passed} passed, ${r.failed} failed${r.skips?.length ? `, ${r.skips.length} files skipped` : ''}` +
      `${r.ms ? ` in ${(r.ms / 1000).toFixed(1)}s` : ''}${r.note ? ` (${r.note})` : ''}`;
  console.log(`${r.failed ? '✗' : r.skipped || r.skips?.length ? '-' : '✓'} ${r.name}: ${what}`);
}
for (const w of warnings) console.log(`! ${w}`);
// Counted as passed, but a retry hid a failure: say which, so a flaky test is seen and fixed.
for (const f of flaky) console.log(`~ passed only on retry: ${f}`);
if (skipped.length > 0) {
  console.log(`\nNot run (${skipped.length} suite${skipped.length === 1 ? '' : 's'}):`);
  for (const s of skipped) console.log(`- skipped ${s.what}: ${s.reason}`);
  if (failOnSkip) {
    console.log(`${skipped.length} skipped suite(s) counted as failed (--fail-on-skip)`);
    failed += skipped.length;
  } else {
    console.log('The count below is for a partial run: these did not run.');
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || interrupted ? 1 : 0;
