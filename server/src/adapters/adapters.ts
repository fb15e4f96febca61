import { Redis } from 'ioredis';
import type { BlobStore, DomainPorts } from '@parley/core';
import { createMemoryEventBus, createMemoryPresenceStore } from '@parley/core/memory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Agent } from 'node:https';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createLocalBlobStore, type LocalBlobStore } from './blobs/local-blob.store';
import { createS3BlobStore } from './blobs/s3-blob.store';
import { createWordListFilter } from './content/word-list.filter';
import { createPgBossQueue } from './jobs/pg-boss.queue';
import { createSmtpMailer } from './mail/smtp.mailer';
import { createMediaInspector } from './media/media.inspector';
import { createMongoMessageSearch } from './mongo/message-search';
import type { MongoDatabase } from './mongo/mongo.database';
import { createPgAuditLog } from './postgres/audit.log';
import { createPgNotificationStore } from './postgres/notification.store';
import { createPgReportStore } from './postgres/report.store';
import { createPgDataExportStore } from './postgres/data-export.store';
import { createPgAnalyticsStore } from './postgres/analytics.store';
import { createPgServerRoleStore } from './postgres/server-role.store';
import { createPgSuspensionStore } from './postgres/suspension.store';
import { createWebPushSender, generateVapidKeys } from './push/web-push.sender';
import { loadOrCreateVapidKeys } from '../secrets';
import { createArgon2Hasher } from './crypto/argon2.hasher';
import { createPgAccessTokenStore } from './postgres/access-token.store';
import { createPgBlockStore } from './postgres/block.store';
import { createPgConversationStore } from './postgres/conversation.store';
import { createPgMessageSearch } from './postgres/message-search';
import { createDatabase, type Database } from './postgres/database';
import { startEmbeddedPostgres } from './postgres/embedded';
import { migrate } from './postgres/migrate';
import { createPgPresenceSettingsStore } from './postgres/presence-settings.store';
import { createPgSessionStore } from './postgres/session.store';
import { createPgUploadStore } from './postgres/upload.store';
import { createPgUserStore } from './postgres/user.store';
import { createFlexibleRateLimiterFactory } from './rate-limit/flexible';
import { createRedisEventBus } from './redis/event.bus';
import { createRedisPresenceStore } from './redis/presence.store';

/** The adapters of one node, chosen by the runtime mode, and what it takes to check and close them. */
export interface Adapters {
  ports: DomainPorts;
  /** The node's database pool (embedded PGlite or PostgreSQL). */
  database: Database;
  /** The local-disk blob store, which this node serves at `/uploads/`; null when files are on S3. */
  localBlobs: LocalBlobStore | null;
  /** Resolves when storage and, when configured, Redis answer. */
  ready(): Promise<void>;
}

/** How to open the adapters, beyond the configuration. */
export interface AdapterOptions {
  /** Called with every SQL statement. */
  onQuery?: (sql: string) => void;
  /** Apply pending migrations first; a cluster worker leaves them to its primary. @default true */
  migrate?: boolean;
  /** Signs local-disk upload and download URLs (derived from the JWT secret). */
  blobSecret: string;
  /** Tests only: how pushes reach a local endpoint with a self-signed certificate. */
  pushAgent?: Agent | undefined;
}

/**
 * Opens the adapters the configuration asks for: embedded PGlite or PostgreSQL (migrated first),
 * MongoDB for messages and the event log when MONGODB_URL is set, and Redis for pub/sub, presence
 * and rate limits in cluster mode, else their in-process versions.
 * Every opened resource is registered with `onDispose`, to be closed in reverse order.
 */
export async function openAdapters(
  config: Config,
  log: Logger,
  onDispose: (dispose: () => Promise<void> | void) => void,
  { onQuery, migrate: migrateFirst = true, blobSecret, pushAgent }: AdapterOptions,
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
  let conversations = createPgConversationStore(db);
  let mongo: MongoDatabase | null = null;
  if (config.MONGODB_URL) {
    // Loaded only when configured: mongoose and its driver are a noticeable part of a node's start.
    const [{ openMongo }, { createMongoConversationStore }, { sweepLostCommits }] = await Promise.all([
      import('./mongo/mongo.database'),
      import('./mongo/conversation.store'),
      import('./mongo/head.sweep'),
    ]);
    const opened = await openMongo(config.MONGODB_URL);
    mongo = opened;
    onDispose(() => opened.dispose());
    conversations = createMongoConversationStore(db, opened);
    // In the background: a node serves while the few conversations a crash left behind are repaired
    // (each is also repaired by its next write).
    let stopping = false;
    const sweep = sweepLostCommits(db, opened.models, conversations, { stopped: () => stopping }).then(
      (n) => {
        if (n > 0) log.warn({ conversations: n }, 'repaired conversations behind the MongoDB event log');
      },
      (err: unknown) => log.error({ err }, 'sweep of the MongoDB event log failed'),
    );
    onDispose(() => {
      stopping = true;
      return sweep;
    });
  }
  const onRedisError = (err: Error) => log.warn({ err: err.message }, 'redis');
  const bus = config.REDIS_URL
    ? await createRedisEventBus({ url: config.REDIS_URL, onError: onRedisError })
    : createMemoryEventBus((err) => log.error({ err }, 'event listener'));
  onDispose(() => bus.dispose());
  let limiterRedis: Redis | null = null;
  if (config.REDIS_URL) {
    // Auto-pipelining: the buckets that requests check in the same tick go to Redis in one write.
    limiterRedis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    limiterRedis.on('error', () => undefined);
    const client = limiterRedis;
    onDispose(() => void client.disconnect());
  }
  const presence = config.REDIS_URL
    ? await createRedisPresenceStore({ url: config.REDIS_URL, onError: onRedisError })
    : createMemoryPresenceStore();
  onDispose(() => presence.dispose());
  const s3 = config.S3_BUCKET
    ? createS3BlobStore({
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      })
    : null;
  if (s3) onDispose(() => s3.dispose());
  const localBlobs = s3
    ? null
    : createLocalBlobStore({
        dir: path.resolve(config.DATA_DIR, 'blobs'),
        // A key of its own, so a download link says nothing about the token key.
        secret: createHash('sha256').update(`parley blob urls\n${blobSecret}`).digest('base64url'),
        baseUrl: config.PUBLIC_URL ?? '',
      });
  const blobs: BlobStore = s3 ?? localBlobs!;
  const jobs = await createPgBossQueue({
    db: db.background,
    expireInSeconds: config.JOB_EXPIRE_SECONDS,
    onError: (err) => log.warn({ err: err.message }, 'jobs'),
  });
  onDispose(() => jobs.stop());
  const vapid =
    config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY
      ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY }
      : await loadOrCreateVapidKeys(config.DATA_DIR, generateVapidKeys);
  const mailer = config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : null;
  if (mailer) onDispose(() => mailer.dispose());
  return {
    ports: {
      users: createPgUserStore(db),
      sessions: createPgSessionStore(db),
      accessTokens: createPgAccessTokenStore(db),
      conversations,
      presence,
      presenceSettings: createPgPresenceSettingsStore(db),
      blocks: createPgBlockStore(db),
      bus,
      hasher: createArgon2Hasher(),
      rateLimiters: createFlexibleRateLimiterFactory(limiterRedis),
      contentFilter: createWordListFilter(config.BLOCKED_WORDS),
      // Search runs where the messages are: PostgreSQL's full-text index, or MongoDB's text index.
      search: mongo ? createMongoMessageSearch(db, mongo.models) : createPgMessageSearch(db),
      notifications: createPgNotificationStore(db),
      audit: createPgAuditLog(db),
      analytics: createPgAnalyticsStore(db),
      reports: createPgReportStore(db),
      exports: createPgDataExportStore(db),
      suspensions: createPgSuspensionStore(db),
      serverRoles: createPgServerRoleStore(db),
      jobs,
      push: createWebPushSender({ ...vapid, subject: config.VAPID_SUBJECT, agent: pushAgent }),
      ...(mailer ? { mailer } : {}),
      uploads: createPgUploadStore(db),
      blobs,
      media: createMediaInspector(blobs),
    },
    database: db,
    localBlobs,
    async ready() {
      await db.ping();
      await mongo?.ping();
      await bus.ping();
    },
  };
}
