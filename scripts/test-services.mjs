// PostgreSQL and Redis for the integration suites: the one place that decides whether they can run.
//
// An explicitly set TEST_DATABASE_URL / TEST_REDIS_URL (or DATABASE_URL / REDIS_URL, as the suites
// read them) is used as given, and one that does not answer is a failure: someone meant it to work.
// Set to '' it turns those suites off. Unset, the machine's own services are probed at
// 127.0.0.1:5432 (user postgres) and 127.0.0.1:6379; PostgreSQL then gets a database of its own for
// the run, dropped at the end. A service that is not there is no failure, but every suite needing it
// is listed as skipped, with the reason given here.
import pg from 'pg';
import { Redis } from 'ioredis';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
// Loopback answers in milliseconds; a port that swallows packets must not hold up the run.
const PROBE_MS = 2000;

/**
 * @typedef {object} Service
 * @property {'postgres' | 'redis'} key name used by the suites' `needs()`
 * @property {string} env variable the suites read
 * @property {string} [url] what the suites get; unset when they cannot run
 * @property {string} [missing] why the suites needing it cannot run
 * @property {string} [failure] set when an explicitly given service does not answer
 * @property {string} note one line for the log
 * @property {() => Promise<string | undefined>} [cleanup] resolves to a warning when it failed
 */

/** A URL without its password, for the log. */
function shown(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** A connection error in a few words (`connect ECONNREFUSED 127.0.0.1:5432`). */
function brief(err) {
  const e = err instanceof AggregateError && err.errors.length > 0 ? err.errors[0] : err;
  return String(e?.message || e?.code || e).split('\n')[0];
}

/** Reads the explicit setting: undefined when unset, '' when set empty. */
function explicit(env, names) {
  for (const name of names) if (env[name] !== undefined) return { name, value: env[name] };
  return undefined;
}

async function pgClient(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_MS });
  // A server going away after connect must not crash the runner with an unhandled 'error'.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function pingPostgres(url) {
  const client = await pgClient(url);
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() only says "Connection is closed."; the 'error' event has the cause (ECONNREFUSED, …).
  let cause;
  redis.on('error', (err) => (cause ??= err));
  try {
    await redis.connect();
    if ((await redis.ping()) !== 'PONG') throw new Error('PING did not answer PONG');
  } catch (err) {
    throw cause ?? err;
  } finally {
    redis.disconnect();
  }
}

/** Uses an explicit setting, or returns undefined to probe the local service. */
async function fromSetting(key, envNames, label, ping, env) {
  const set = explicit(env, envNames);
  if (!set) return undefined;
  if (set.value === '') {
    const why = `${set.name} is set empty`;
    return { key, env: envNames[0], missing: why, note: `${label}: none (${why})` };
  }
  try {
    await ping(set.value);
    return { key, env: envNames[0], url: set.value, note: `${label}: ${shown(set.value)} (from ${set.name})` };
  } catch (err) {
    const why = `${set.name}=${shown(set.value)} does not answer (${brief(err)})`;
    return { key, env: envNames[0], missing: why, failure: why, note: `${label}: ${why}` };
  }
}

/** @returns {Promise<Service>} */
export async function findPostgres(env = process.env) {
  const set = await fromSetting('postgres', ['TEST_DATABASE_URL', 'DATABASE_URL'], 'PostgreSQL', pingPostgres, env);
  if (set) return set;
  const base = { key: 'postgres', env: 'TEST_DATABASE_URL' };
  let admin;
  try {
    admin = await pgClient(LOCAL_POSTGRES);
  } catch (err) {
    const why = `no PostgreSQL at 127.0.0.1:5432 (${brief(err)}); start it or set TEST_DATABASE_URL`;
    return { ...base, missing: why, note: `PostgreSQL: ${why}` };
  }
  // Seconds and pid keep concurrent runs (several worktrees, one server) apart; suites name their
  // own databases after this one, so cleanup finds those an interrupted suite left too.
  const name = `parley_test_${Math.floor(Date.now() / 1000)}_${process.pid}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (err) {
    const why = `PostgreSQL at 127.0.0.1:5432 answers, but CREATE DATABASE failed (${brief(err)}); set TEST_DATABASE_URL`;
    return { ...base, missing: why, note: `PostgreSQL: ${why}` };
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(LOCAL_POSTGRES);
  url.pathname = `/${name}`;
  return {
    ...base,
    url: url.toString(),
    note: `PostgreSQL: 127.0.0.1:5432, database ${name} for this run (dropped at the end)`,
    cleanup: () => dropRunDatabases(name),
  };
}

/** Drops the run's database and any suite database named after it. */
async function dropRunDatabases(name) {
  try {
    const admin = await pgClient(LOCAL_POSTGRES);
    try {
      const { rows } = await admin.query(
        `SELECT datname FROM pg_database WHERE datname = $1 OR left(datname, length($1) + 1) = $1 || '_'
         ORDER BY datname = $1`,
        [name],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end().catch(() => undefined);
    }
    return undefined;
  } catch (err) {
    return `could not drop database ${name}: ${brief(err)}`;
  }
}

/** @returns {Promise<Service>} */
export async function findRedis(env = process.env) {
  const set = await fromSetting('redis', ['TEST_REDIS_URL', 'REDIS_URL'], 'Redis', pingRedis, env);
  if (set) return set;
  const base = { key: 'redis', env: 'TEST_REDIS_URL' };
  try {
    await pingRedis(LOCAL_REDIS);
    return { ...base, url: LOCAL_REDIS, note: 'Redis: 127.0.0.1:6379' };
  } catch (err) {
    const why = `no Redis at 127.0.0.1:6379 (${brief(err)}); start it or set TEST_REDIS_URL`;
    return { ...base, missing: why, note: `Redis: ${why}` };
  }
}

/**
 * The environment the test steps get: each service's URL, or '' with the reason in
 * TEST_SERVICES_MISSING (read by server/test/support/needs.ts).
 * @param {Service[]} services
 */
export function serviceEnv(services) {
  const env = {};
  const missing = {};
  for (const s of services) {
    env[s.env] = s.url ?? '';
    if (s.missing) missing[s.key] = s.missing;
  }
  env.TEST_SERVICES_MISSING = JSON.stringify(missing);
  return env;
}
