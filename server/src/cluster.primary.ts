import cluster, { type Worker } from 'node:cluster';
import { migrate } from './adapters/postgres/migrate';
import type { Config } from './config';
import { createLogger } from './logger';

/** How long workers get to stop after SIGTERM before they are killed; each gives up by itself after 9 s. */
const STOP_DEADLINE_MS = 10_000;
/** A worker that dies sooner than this after its fork is replaced after a pause, not in a tight loop. */
const CRASH_LOOP_MS = 5_000;

/**
 * The primary process of `config.WORKERS` server processes sharing one port through node:cluster.
 * It applies the migrations once, then forks the workers, which cooperate through PostgreSQL and
 * Redis as separate nodes would. A worker that dies is replaced, but one that fails to start before
 * all have listened stops them all (a bad setup, not a crash). SIGTERM and SIGINT stop every worker
 * gracefully, then the primary.
 */
export async function runPrimary(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL).child({ role: 'primary' });
  try {
    await migrate(config.DATABASE_URL!, (msg) => log.debug({ migration: msg }, 'migrate'));
  } catch (err) {
    console.error(`Parley failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }

  /** Live workers, with when each was forked. */
  const workers = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let allStarted = false;
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    if (!stopping) workers.set(cluster.fork(), Date.now());
  };
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log.info({ reason, workers: workers.size }, 'stopping workers');
    if (workers.size === 0) process.exit(code);
    for (const w of workers.keys()) w.process.kill('SIGTERM');
    setTimeout(() => {
      log.warn('workers did not stop in time; killing them');
      for (const w of workers.keys()) w.process.kill('SIGKILL');
      process.exit(code);
    }, STOP_DEADLINE_MS).unref();
  };

  cluster.on('listening', (worker) => {
    listening.add(worker);
    if (!allStarted && listening.size === config.WORKERS) {
      allStarted = true;
      log.info({ workers: config.WORKERS }, 'all workers listening');
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const forkedAt = workers.get(worker) ?? 0;
    workers.delete(worker);
    listening.delete(worker);
    if (stopping) {
      if (workers.size === 0) process.exit(exitCode);
      return;
    }
    const fields = { worker: worker.process.pid, code, signal };
    if (!allStarted) {
      log.error(fields, 'a worker failed to start');
      stop('a worker failed to start', 1);
      return;
    }
    log.warn(fields, 'worker exited; starting another');
    setTimeout(fork, Date.now() - forkedAt < CRASH_LOOP_MS ? 1000 : 0);
  });
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));

  log.info({ workers: config.WORKERS }, 'starting workers');
  for (let i = 0; i < config.WORKERS; i++) fork();
}
