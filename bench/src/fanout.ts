// Fan-out: raw ws broadcast, the tutorial stack and Parley (PostgreSQL + Redis), each a fresh process,
// under the same load in one run. S subscribers in groups of G (100), one socket and one subscription each;
// 100-character messages sent over HTTP at a rate stepped up until p99 send→receive passes 250 ms or an
// event is lost. Prints one table; each step's figures go to stderr as it runs.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres TEST_REDIS_URL=redis://127.0.0.1:6379 \
//     npx tsx bench/src/fanout.ts [subscribers=2000] [targets=raw,tutorial,parley,parley-workers] [group size=100]
//
// `parley` is one server process; `parley-workers` runs one per core on one port (WORKERS' default in
// cluster mode), whose figures (CPU, memory) are those of all its processes.
//
// FANOUT_RATES=10,20,… sets the ladder (messages per second); FANOUT_CPU_PROF=<dir> profiles the servers.
import { runLadder, type FanoutTarget, type StepResult } from './fanout.ladder';
import { availableParallelism } from 'node:os';
import { parleyTarget, rawWsTarget, tutorialTarget } from './fanout.targets';

const SUBSCRIBERS = Number(process.argv[2] ?? 2000);
const WANTED = (process.argv[3] ?? 'raw,tutorial,parley,parley-workers').split(',');
const GROUP_SIZE = Number(process.argv[4] ?? 100);
const GROUPS = Math.max(1, Math.round(SUBSCRIBERS / GROUP_SIZE));
/**
 * Messages per second across all groups, for groups of 100 (scaled for other sizes, so the steps
 * deliver the same events per second); each is delivered to GROUP_SIZE sockets. From 100 on the
 * steps are about 12 % apart, so a capacity is known to within that, not a quarter.
 */
const LADDER = [
  10, 20, 40, 60, 80, 100, 115, 130, 145, 160, 180, 200, 225, 250, 285, 320, 360, 400, 450, 500, 560, 640, 720, 800,
  900, 1000, 1150,
];
const RATES = process.env['FANOUT_RATES']?.split(',').map(Number) ?? LADDER.map((r) => (r * 100) / GROUP_SIZE);

const starters: Record<string, (groups: number, size: number) => Promise<FanoutTarget>> = {
  raw: rawWsTarget,
  tutorial: tutorialTarget,
  parley: parleyTarget,
  'parley-workers': (groups, size) => parleyTarget(groups, size, availableParallelism()),
};

const rows: {
  name: string;
  idleKbPerSocket: number;
  idleHeapKbPerSocket: number;
  coldHeapKbPerSocket: number;
  best?: StepResult;
  /** The step at the highest rate reached: fixed costs (keep-alives, timers) weigh least there. */
  top?: StepResult;
  failed?: StepResult;
  /** The passing step nearest half of capacity (the issue's latency point). */
  half?: StepResult;
}[] = [];
for (const key of WANTED) {
  const start = starters[key];
  if (!start) throw new Error(`unknown target ${key}: one of ${Object.keys(starters).join(', ')}`);
  const target = await start(GROUPS, GROUP_SIZE);
  try {
    const { idleKbPerSocket, idleHeapKbPerSocket, coldHeapKbPerSocket, steps } = await runLadder(target, RATES);
    const passed = steps.filter((s) => s.ok);
    const best = Math.max(0, ...passed.map((s) => s.deliveredPerSecond));
    const half = passed.reduce<StepResult | undefined>(
      (a, s) => (a && Math.abs(a.deliveredPerSecond - best / 2) <= Math.abs(s.deliveredPerSecond - best / 2) ? a : s),
      undefined,
    );
    rows.push({
      half,
      name: target.name,
      idleKbPerSocket,
      idleHeapKbPerSocket,
      coldHeapKbPerSocket,
      best: passed.reduce<StepResult | undefined>(
        (a, s) => (a && a.deliveredPerSecond > s.deliveredPerSecond ? a : s),
        undefined,
      ),
      failed: steps.filter((s) => !s.ok).at(-1),
      top: steps.at(-1),
    });
  } finally {
    await target.stop();
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const capacity = (name: string) => rows.find((r) => r.name.startsWith(name))?.best?.deliveredPerSecond;
const raw = capacity('raw');
const tutorial = capacity('tutorial');
console.log(
  `\n${SUBSCRIBERS.toLocaleString('en-US')} subscribers in ${GROUPS} groups of ${GROUP_SIZE}\n\n` +
    '| target | capacity, delivered events/s | p99 at capacity | server CPU per delivered event (highest step) | load generator at capacity | first failing step | p99 to the last recipient after the send returned, near half capacity | idle RSS per subscribed socket | idle heap per subscribed socket (with first use) | × raw ws | × tutorial stack |\n' +
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
);
for (const r of rows) {
  const b = r.best;
  const f = r.failed;
  const failure = f
    ? `${f.messagesPerSecond} msg/s: p99 ${f.p99Ms} ms, ${f.lost} lost${f.sendErrors ? `, ${f.sendErrors} send errors` : ''}`
    : `none up to ${RATES.at(-1)} msg/s`;
  const ratio = (base: number | undefined) => (b && base ? (b.deliveredPerSecond / base).toFixed(2) : '—');
  console.log(
    `| ${r.name} | ${fmt(b?.deliveredPerSecond)} | ${b ? `${b.p99Ms} ms` : '—'} | ${r.top ? `${r.top.serverCpuUsPerEvent} µs at ${fmt(r.top.deliveredPerSecond)}/s` : '—'} | ` +
      `${b ? `${Math.round(b.loadGeneratorCore * 100)} % of a core` : '—'} | ${failure} | ${r.half ? `${r.half.p99AfterReturnMs} ms at ${fmt(r.half.deliveredPerSecond)}/s` : '—'} | ${r.idleKbPerSocket.toFixed(1)} KB | ${r.idleHeapKbPerSocket.toFixed(1)} KB (${r.coldHeapKbPerSocket.toFixed(1)} KB) | ${ratio(raw)} | ${ratio(tutorial)} |`,
  );
}
