// Before and after: this checkout's Parley and another build of it (an earlier commit's), each with its
// own 2,000 subscribers, under the same fixed load at the same time. The VM's speed drifts by tens of
// percent within minutes, more than most changes are worth, so runs one after the other compare the
// drift; steps taken together see the same machine. Prints each step's server CPU per delivered event
// for both and the median of their ratios (below 1: this checkout spends less).
//
//   git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build:server)
//
// (The base needs node_modules of its own: the workspace packages there are links, and a linked copy of
// this checkout's would build the base's server with this checkout's core, schema and resolvers.)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres TEST_REDIS_URL=redis://127.0.0.1:6379 \
//     npx tsx bench/src/fanout-ab.ts /tmp/base [messages per second each=80] [steps=12]
//
// Each server gets half the machine, so the rate is lower than fanout's and the CPU per event higher
// (fewer events share each turn of the event loop); it is the ratio that counts. Both ladders start
// each step together; the load generator's CPU each reports is that of both.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { quantile } from '@parley/server/testing';
import { runLadder } from './fanout.ladder';
import { parleyTarget } from './fanout.targets';

const base = process.argv[2];
const rate = Number(process.argv[3] ?? 80);
const steps = Number(process.argv[4] ?? 12);
const baseServer = base && path.resolve(base, 'server/dist/main.js');
if (!baseServer || !existsSync(baseServer)) {
  throw new Error('usage: fanout-ab.ts <checkout of the code to compare, with its server built> [rate] [steps]');
}

// One after the other: a failed start must not leave the other server running.
const now = await parleyTarget(20, 100);
const before = await parleyTarget(20, 100, 1, [baseServer])
  .then((t) => ({ ...t, name: `Parley at ${base}` }))
  .catch(async (err: unknown) => {
    await now.stop();
    throw err;
  });

/** Resolves for both ladders once both have arrived: their steps start together. */
function barrier(parties: number): () => Promise<void> {
  let waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length < parties) return;
      for (const go of waiting) go();
      waiting = [];
    });
}

try {
  const rates = Array.from({ length: steps }, () => rate);
  const together = { everyStep: true, beforeStep: barrier(2) };
  const [a, b] = await Promise.all([runLadder(now, rates, together), runLadder(before, rates, together)]);
  console.log(
    `\n| step | CPU per event, this checkout | CPU per event, ${base} | ratio | p99, this checkout | p99, ${base} |`,
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  const ratios: number[] = [];
  a.steps.forEach((s, i) => {
    const o = b.steps[i];
    if (!o) return;
    const ratio = s.serverCpuUsPerEvent / o.serverCpuUsPerEvent;
    ratios.push(ratio);
    console.log(
      `| ${i + 1} | ${s.serverCpuUsPerEvent} µs | ${o.serverCpuUsPerEvent} µs | ${ratio.toFixed(2)} | ${s.p99Ms} ms | ${o.p99Ms} ms |`,
    );
  });
  console.log(`\nmedian ratio ${quantile(ratios, 0.5).toFixed(3)} over ${ratios.length} steps`);
  console.log(
    `idle heap per socket: ${a.idleHeapKbPerSocket.toFixed(1)} KB and ${b.idleHeapKbPerSocket.toFixed(1)} KB`,
  );
} finally {
  await Promise.all([now.stop(), before.stop()]);
}
