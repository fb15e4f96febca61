// How the runner starts one step and reads its outcome: a script passes or fails as a whole; Vitest
// and Playwright are counted from their JSON reports, which also tell which tests were skipped.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const isWindows = process.platform === 'win32';
const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

/**
 * @typedef {{ what: string, reason: string }} Skip one suite that did not run, and why
 * @typedef {{ passed: number, failed: number, note?: string, skips?: Skip[], flaky?: string[] }} StepResult
 */

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readLines(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const tests = (n, of) => (n === of ? `${n} test${n === 1 ? '' : 's'}` : `${n} of ${of} tests`);

/**
 * @param {{ root: string, tmp: string, deadline?: number, env: Record<string, string> }} o
 *   `deadline` (ms since the epoch) stops a step still running then; `env` goes to every step.
 */
export function createSteps(o) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let current;

  function kill(signal) {
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    try {
      // Children run in their own process group so that servers and browsers they start go too.
      if (isWindows) current.kill(signal);
      else process.kill(-current.pid, signal);
    } catch {
      // already gone
    }
  }

  /**
   * Runs a command with live output.
   * @returns {Promise<{ code: number, timedOut: boolean }>}
   */
  function run(command, args, env = {}) {
    return new Promise((resolveRun) => {
      console.log(`\n$ ${[command, ...args].join(' ')}`);
      const child = spawn(command, args, {
        cwd: o.root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ...o.env, ...env },
        detached: !isWindows,
        shell: isWindows,
      });
      current = child;
      let timedOut = false;
      let timer;
      let killTimer;
      if (o.deadline !== undefined) {
        timer = setTimeout(
          () => {
            timedOut = true;
            console.error(`\ntest: time budget exhausted, stopping: ${command} ${args.join(' ')}`);
            kill('SIGTERM');
            killTimer = setTimeout(() => kill('SIGKILL'), 10_000);
          },
          Math.max(0, o.deadline - Date.now()),
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

  /** A step that passes or fails as a whole (one test). @returns {Promise<StepResult>} */
  async function script(name) {
    const { code } = await run('npm', ['run', name]);
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }

  /**
   * Vitest: counts from the JSON report; a crash, an unhandled error or a file that fails to load
   * counts too. Every file with skipped tests is listed, with the reasons its `needs()` logged.
   * @returns {Promise<StepResult>}
   */
  async function vitest(name, extraArgs) {
    const out = join(o.tmp, `${name}.json`);
    const skipLog = join(o.tmp, `${name}.skips`);
    const { code } = await run(
      'npx',
      ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile=${out}`],
      { TEST_SKIP_LOG: skipLog },
    );
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

    const reasons = new Map();
    for (const line of readLines(skipLog)) {
      const { file, reasons: why } = JSON.parse(line);
      const set = reasons.get(file) ?? new Set();
      for (const r of why) set.add(r);
      reasons.set(file, set);
    }
    const skips = [];
    for (const file of report.testResults ?? []) {
      const all = file.assertionResults ?? [];
      const skipped = all.filter((a) => SKIPPED.has(a.status)).length;
      if (skipped === 0) continue;
      const why = [...(reasons.get(file.name) ?? [])];
      skips.push({
        what: `${relative(o.root, file.name)} (${tests(skipped, all.length)})`,
        reason: why.length > 0 ? why.join('; ') : 'skipped in the code, without needs() saying why',
      });
    }
    return { passed, failed, skips };
  }

  /**
   * Playwright: expected and flaky (passed on retry) count as passed, unexpected as failed; tests that
   * passed only on retry are named, and spec files with skipped tests listed with their `test.skip`
   * descriptions.
   * @returns {Promise<StepResult>}
   */
  async function playwright(config) {
    const out = join(o.tmp, `${config.replace(/\W+/g, '-')}.json`);
    const { code } = await run('npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    const report = readJson(out);
    if (!report?.stats) return { passed: 0, failed: 1, note: 'no JSON report' };
    const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
    let failed = unexpected;
    if (code !== 0 && failed === 0) failed = 1;

    const dir = report.config?.rootDir ? relative(o.root, report.config.rootDir) : '';
    const byFile = new Map();
    const flakyTests = [];
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        const entry = byFile.get(spec.file) ?? { skipped: 0, all: 0, why: new Set() };
        for (const t of spec.tests ?? []) {
          entry.all++;
          if (t.status === 'flaky') flakyTests.push(`${join(dir, spec.file)} › ${spec.title}`);
          if (t.status !== 'skipped') continue;
          entry.skipped++;
          for (const a of t.annotations ?? []) if (a.description) entry.why.add(a.description);
        }
        byFile.set(spec.file, entry);
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
    const skips = [...byFile]
      .filter(([, e]) => e.skipped > 0)
      .map(([file, e]) => ({
        what: `${join(dir, file)} (${tests(e.skipped, e.all)})`,
        reason: e.why.size > 0 ? [...e.why].join('; ') : 'skipped in the spec, without a description',
      }));
    return { passed: expected + flaky, failed, skips, flaky: flakyTests };
  }

  return { kill, script, vitest, playwright };
}
