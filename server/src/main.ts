import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// With WORKERS above 1 this process migrates, then forks and watches the workers, which run this file
// again and each serve as a node; otherwise it is the node.
if (cluster.isPrimary && config.WORKERS > 1) {
  const { runPrimary } = await import('./cluster.primary');
  await runPrimary(config);
} else {
  await runNode(config);
}

async function runNode(config: Config): Promise<void> {
  // Loaded after validation so a bad variable is reported at once, before the server's dependencies load.
  const { createParley } = await import('./app');
  const { startTracing } = await import('./observability/tracing');
  const stopTracing = await startTracing();
  const app = await createParley(config, { migrate: cluster.isPrimary }).catch((err: unknown) => {
    console.error(`Parley failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // A request or socket that does not finish must not keep the process alive past the deadline.
    const deadline = setTimeout(() => {
      app.log.warn('shutdown deadline passed; exiting');
      process.exit(0);
    }, 9000);
    deadline.unref();
    await app.dispose();
    await stopTracing().catch(() => undefined);
    app.log.info('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
