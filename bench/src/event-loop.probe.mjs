// Preloaded into a server under benchmark (`node --import`): samples its event-loop delay and, on
// SIGUSR2, writes p50/p99/max in ms since the last signal to the file named by ELD_FILE.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const report = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  writeFileSync(process.env.ELD_FILE ?? '/dev/null', JSON.stringify(report));
  histogram.reset();
});
