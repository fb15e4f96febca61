#!/usr/bin/env node
// Runs every test suite of the repository in a fixed order, keeps going after failures and ends with
// one line `N passed, N failed` (CI reads that line). `--quick` skips the browser tests.
//
// Steps, each only when its entry point exists:
//   schema:check, check:architecture, codegen:check (1 test each), root Vitest (server, schema, resolvers),
//   client Vitest (client-vue/vitest.config.ts), Playwright e2e (client-vue/playwright.config.ts),
//   explorer Playwright e2e (explorer/playwright.config.ts).
//
// TEST_DEADLINE (Unix time in seconds) bounds the whole run: a step still running then is stopped and
// counted as failed, later steps are counted as failed without running.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknown = args.filter((a) => a !== '--quick');
if (unknown.length > 0) {
  console.error(`test: unknown argument(s): ${unknown.join(' ')} (supported: --quick)`);
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scripts = pkg.scripts ?? {};
const tmp = mkdtempSync(join(tmpdir(), 'parley-test-'));
const deadline = Number(process.env.TEST_DEADLINE) > 0 ? Number(process.env.TEST_DEADLINE) * 1000 : undefined;
const isWindows = process.platform === 'win32';

/** @type {import('node:child_process').ChildProcess | undefined} */
let current;
let interrupted = false;

function killCurrent(signal) {
  if (!current || current.exitCode !== null || current.signalCode !== null) return;
  try {
    // Children run in their own process group so that servers and browsers they start go too.
    if (isWindows) current.kill(signal);
    else process.kill(-current.pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    killCurrent(signal);
  });
}

/**
 * Runs a command with live output.
 * @returns {Promise<{ code: number, timedOut: boolean }>}
 */
function run(command, commandArgs, env = {}) {
  return new Promise((resolveRun) => {
    console.log(`\n$ ${[command, ...commandArgs].join(' ')}`);
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
      detached: !isWindows,
      shell: isWindows,
    });
    current = child;
    let timedOut = false;
    let timer;
    let killTimer;
    if (deadline !== undefined) {
      timer = setTimeout(
        () => {
          timedOut = true;
          console.error(`\ntest: time budget exhausted, stopping: ${command} ${commandArgs.join(' ')}`);
          killCurrent('SIGTERM');
          killTimer = setTimeout(() => killCurrent('SIGKILL'), 10_000);
        },
        Math.max(0, deadline - Date.now()),
      );
    }
    const finish = (code) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      current = undefined;
      resolveRun({ code, timedOut });
    };
    child.on('error', (err) => {
      console.error(`test: could not start ${command}: ${err.message}`);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A step that passes or fails as a whole (one test). */
async function scriptStep(name) {
  const { code } = await run('npm', ['run', name]);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/** Vitest: counts from the JSON report; a crash, an unhandled error or a file that fails to load counts too. */
async function vitestStep(file, extraArgs) {
  const out = join(tmp, file);
  const { code } = await run('npx', [
    'vitest',
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1, note: 'no JSON report' };
  const passed = Number(report.numPassedTests) || 0;
  let failed = Number(report.numFailedTests) || 0;
  // A test file that does not even load reports no assertions but a failed status.
  const brokenFiles = (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
  failed += brokenFiles;
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** Playwright: expected and flaky (passed on retry) count as passed, unexpected as failed. */
async function playwrightStep(config) {
  const out = join(tmp, `${config.replace(/\W+/g, '-')}.json`);
  const { code } = await run('npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const report = readJson(out);
  if (!report?.stats) return { passed: 0, failed: 1, note: 'no JSON report' };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  let failed = unexpected;
  if (code !== 0 && failed === 0) failed = 1;
  return { passed: expected + flaky, failed };
}

const configExists = (dir) =>
  ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs'].some((f) =>
    existsSync(join(root, dir, f)),
  );

/** @type {{ name: string, skip?: string, exec: () => Promise<{ passed: number, failed: number, note?: string }> }[]} */
const steps = [
  {
    name: 'schema:check',
    skip: scripts['schema:check'] ? undefined : 'no schema:check script',
    exec: () => scriptStep('schema:check'),
  },
  {
    name: 'check:architecture',
    skip: scripts['check:architecture'] ? undefined : 'no check:architecture script',
    exec: () => scriptStep('check:architecture'),
  },
  {
    name: 'codegen:check',
    skip: scripts['codegen:check'] ? undefined : 'no codegen:check script',
    exec: () => scriptStep('codegen:check'),
  },
  {
    name: 'vitest (server, schema, resolvers)',
    skip: configExists('.') ? undefined : 'no vitest.config.ts at the root',
    exec: () => vitestStep('vitest-root.json', []),
  },
  {
    name: 'vitest (client-vue)',
    skip: configExists('client-vue') ? undefined : 'no client-vue/vitest.config.ts',
    exec: () => vitestStep('vitest-client.json', ['--root', 'client-vue']),
  },
  {
    name: 'playwright (e2e)',
    skip: quick
      ? '--quick'
      : existsSync(join(root, 'client-vue/playwright.config.ts'))
        ? undefined
        : 'no client-vue/playwright.config.ts',
    exec: () => playwrightStep('client-vue/playwright.config.ts'),
  },
  {
    name: 'playwright (explorer)',
    skip: quick
      ? '--quick'
      : existsSync(join(root, 'explorer/playwright.config.ts'))
        ? undefined
        : 'no explorer/playwright.config.ts',
    exec: () => playwrightStep('explorer/playwright.config.ts'),
  },
];

const results = [];
let passed = 0;
let failed = 0;
for (const step of steps) {
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
  passed += result.passed ?? 0;
  failed += result.failed ?? 0;
  results.push({ name: step.name, ms, ...result });
}

rmSync(tmp, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const r of results) {
  const what = r.skipped
    ? `skipped (${r.skipped})`
    : `${r.passed} passed, ${r.failed} failed${r.ms ? ` in ${(r.ms / 1000).toFixed(1)}s` : ''}${r.note ? ` (${r.note})` : ''}`;
  console.log(`${r.failed ? '✗' : r.skipped ? '-' : '✓'} ${r.name}: ${what}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || interrupted ? 1 : 0;
