import { Redis } from 'ioredis';
import type { DomainPorts } from '@parley/core';
import { createMemoryEventBus, createMemoryPresenceStore } from '@parley/core/memory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createWordListFilter } from './content/word-list.filter';
import { createArgon2Hasher } from './crypto/argon2.hasher';
import { createPgAccessTokenStore } from './postgres/access-token.store';
import { createPgBlockStore } from './postgres/block.store';
import { createPgConversationStore } from './postgres/conversation.store';
import { createPgMessageSearch } from './postgres/message-search';
import { createDatabase, type Queryable } from './postgres/database';
import { startEmbeddedPostgres } from './postgres/embedded';
import { migrate } from './postgres/migrate';
import { createPgPresenceSettingsStore } from './postgres/presence-settings.store';
import { createPgSessionStore } from './postgres/session.store';
import { createPgUserStore } from './postgres/user.store';
import { createFlexibleRateLimiterFactory } from './rate-limit/flexible';
import { createRedisEventBus } from './redis/event.bus';
import { createRedisPresenceStore } from './redis/presence.store';

/** The adapters of one node, chosen by the runtime mode, and what it takes to check and close them. */
export interface Adapters {
  ports: DomainPorts;
  /** The node's database pool (embedded PGlite or PostgreSQL). */
  database: Queryable;
  /** Resolves when storage and, when configured, Redis answer. */
  ready(): Promise<void>;
}

/** How to open the adapters, beyond the configuration. */
export interface AdapterOptions {
  /** Called with every SQL statement. */
  onQuery?: (sql: string) => void;
  /** Apply pending migrations first; a cluster worker leaves them to its primary. @default true */
  migrate?: boolean;
}

/**
 * Opens the adapters the configuration asks for: embedded PGlite or PostgreSQL (migrated first),
 * and Redis for pub/sub, presence and rate limits in cluster mode, else their in-process versions.
 * Every opened resource is registered with `onDispose`, to be closed in reverse order.
 */
export async function openAdapters(
  config: Config,
  log: Logger,
  onDispose: (dispose: () => Promise<void> | void) => void,
  { onQuery, migrate: migrateFirst = true }: AdapterOptions = {},
): Promise<Adapters> {
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    const embedded = await startEmbeddedPostgres(config.DATA_DIR);
    onDispose(() => embedded.dispose());
    connectionString = embedded.connectionString;
  }
  if (migrateFirst) await migrate(connectionString, (msg) => log.debug({ migration: msg }, 'migrate'));
  const db = createDatabase({
    connectionString,
    // PGlite is a single backend: one connection, or transactions interleave.
    max: config.DATABASE_URL ? config.DATABASE_POOL_SIZE : 1,
    ...(onQuery ? { onQuery } : {}),
  });
  onDispose(() => db.dispose());
  const onRedisError = (err: Error) => log.warn({ err: err.message }, 'redis');
  const bus = config.REDIS_URL
    ? await createRedisEventBus({ url: config.REDIS_URL, onError: onRedisError })
    : createMemoryEventBus((err) => log.error({ err }, 'event listener'));
  onDispose(() => bus.dispose());
  let limiterRedis: Redis | null = null;
  if (config.REDIS_URL) {
    limiterRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    limiterRedis.on('error', () => undefined);
    const client = limiterRedis;
    onDispose(() => void client.disconnect());
  }
  const presence = config.REDIS_URL
    ? await createRedisPresenceStore({ url: config.REDIS_URL, onError: onRedisError })
    : createMemoryPresenceStore();
  onDispose(() => presence.dispose());
  return {
    ports: {
      users: createPgUserStore(db),
      sessions: createPgSessionStore(db),
      accessTokens: createPgAccessTokenStore(db),
      conversations: createPgConversationStore(db),
      presence,
      presenceSettings: createPgPresenceSettingsStore(db),
      blocks: createPgBlockStore(db),
      bus,
      hasher: createArgon2Hasher(),
      rateLimiters: createFlexibleRateLimiterFactory(limiterRedis),
      contentFilter: createWordListFilter(config.BLOCKED_WORDS),
      search: createPgMessageSearch(db),
    },
    database: db,
    async ready() {
      await db.ping();
      await bus.ping();
    },
  };
}
