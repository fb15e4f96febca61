import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const SECRET = 's'.repeat(32);
const PG = 'postgres://postgres@127.0.0.1:5432/parley';

/** The message loadConfig throws for `env`, or null when it accepts it. */
function errorOf(env: NodeJS.ProcessEnv): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('loadConfig', () => {
  it('defaults to embedded mode on port 4000 with data in ./data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'embedded',
      PORT: 4000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_DAYS: 30,
      MAX_BODY_BYTES: 1_048_576,
      REPLAY_LIMIT: 1000,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.JWT_SECRET).toBeUndefined();
  });

  it('picks server mode with DATABASE_URL and cluster mode with REDIS_URL too', () => {
    expect(loadConfig({ DATABASE_URL: PG, JWT_SECRET: SECRET }).mode).toBe('server');
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db', JWT_SECRET: SECRET }).mode).toBe('server');
    const cluster = loadConfig({ DATABASE_URL: PG, REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: SECRET });
    expect(cluster).toMatchObject({ mode: 'cluster', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: 'rediss://r:6380', JWT_SECRET: SECRET }).mode).toBe('cluster');
  });

  it('takes MONGODB_URL in server and cluster mode only, as a mongodb:// URL', () => {
    const url = 'mongodb://127.0.0.1:27017/parley?replicaSet=rs0';
    expect(loadConfig({ DATABASE_URL: PG, JWT_SECRET: SECRET, MONGODB_URL: url })).toMatchObject({
      mode: 'server',
      MONGODB_URL: url,
    });
    expect(() => loadConfig({ MONGODB_URL: url })).toThrow(/MONGODB_URL requires DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: PG, JWT_SECRET: SECRET, MONGODB_URL: 'http://h' })).toThrow(
      /MONGODB_URL must be a URL starting with mongodb:\/\//,
    );
    expect(loadConfig({ DATABASE_URL: PG, JWT_SECRET: SECRET, MONGODB_URL: '' }).MONGODB_URL).toBeUndefined();
  });

  it('treats empty and blank variables as unset', () => {
    const c = loadConfig({ DATABASE_URL: '', REDIS_URL: '  ', JWT_SECRET: '', CORS_ORIGINS: '' });
    expect(c.mode).toBe('embedded');
    expect(c.JWT_SECRET).toBeUndefined();
    expect(c.CORS_ORIGINS).toEqual([]);
  });

  it('parses numbers and splits CORS_ORIGINS', () => {
    const c = loadConfig({
      PORT: '8080',
      MAX_BODY_BYTES: '2048',
      CORS_ORIGINS: ' https://a.example , https://b.example,,',
    });
    expect(c.PORT).toBe(8080);
    expect(c.MAX_BODY_BYTES).toBe(2048);
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://h/db', JWT_SECRET: SECRET }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url', JWT_SECRET: SECRET }],
    ['REDIS_URL', { DATABASE_URL: PG, JWT_SECRET: SECRET, REDIS_URL: 'foo' }],
    ['REDIS_URL', { REDIS_URL: 'redis://127.0.0.1:6379' }],
    ['JWT_SECRET', { JWT_SECRET: 'too short' }],
    ['JWT_SECRET', { DATABASE_URL: PG }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['ACCESS_TOKEN_TTL_SECONDS', { ACCESS_TOKEN_TTL_SECONDS: '5' }],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '10' }],
    ['WORKERS', { WORKERS: '0' }],
    ['WORKERS', { WORKERS: 'many' }],
    ['WORKERS', { WORKERS: '2' }],
    ['WORKERS', { WORKERS: '2', DATABASE_URL: PG, JWT_SECRET: SECRET }],
  ])('refuses a bad %s with one line naming it', (name, env) => {
    const message = errorOf(env);
    expect(message).not.toBeNull();
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('runs a worker per core in cluster mode and one process otherwise, unless WORKERS says', () => {
    const cluster = { DATABASE_URL: PG, REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: SECRET };
    expect(loadConfig(cluster).WORKERS).toBe(availableParallelism());
    expect(loadConfig({ ...cluster, WORKERS: '3' }).WORKERS).toBe(3);
    expect(loadConfig({ ...cluster, WORKERS: '' }).WORKERS).toBe(availableParallelism());
    expect(loadConfig({}).WORKERS).toBe(1);
    expect(loadConfig({ DATABASE_URL: PG, JWT_SECRET: SECRET }).WORKERS).toBe(1);
    expect(loadConfig({ WORKERS: '1' }).WORKERS).toBe(1);
  });

  it('never echoes the secret it refuses', () => {
    expect(errorOf({ JWT_SECRET: 'hunter2-hunter2' })).not.toContain('hunter2');
  });
});
