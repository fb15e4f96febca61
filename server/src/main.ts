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

// Loaded after validation so a bad variable is reported at once, before the server's dependencies load.
const { createParley } = await import('./app');
const app = await createParley(config).catch((err: unknown) => {
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
  app.log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
