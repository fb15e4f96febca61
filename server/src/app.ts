import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { Redis } from 'ioredis';
import { createDomain, DEFAULT_ABUSE_POLICY, type Viewer } from '@parley/core';
import { createMemoryEventBus, createMemoryPresenceStore } from '@parley/core/memory';
import { buildParleySchema, createLoaders, type Context } from '@parley/resolvers';
import { createArgon2Hasher } from './adapters/crypto/argon2.hasher';
import { createPgAccessTokenStore } from './adapters/postgres/access-token.store';
import { createPgConversationStore } from './adapters/postgres/conversation.store';
import { createDatabase } from './adapters/postgres/database';
import { startEmbeddedPostgres } from './adapters/postgres/embedded';
import { migrate } from './adapters/postgres/migrate';
import { createPgSessionStore } from './adapters/postgres/session.store';
import { createPgUserStore } from './adapters/postgres/user.store';
import { createRedisEventBus } from './adapters/redis/event.bus';
import { createPgPresenceSettingsStore } from './adapters/postgres/presence-settings.store';
import { createRedisPresenceStore } from './adapters/redis/presence.store';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { loadOrCreateSecret } from './secrets';
import { formatError, withoutSuggestions } from './transport/format-error';
import { createExplorerHandler } from './transport/explorer';
import { createHttpHandler } from './transport/http';
import { createStaticHandler } from './transport/static-files';
import { attachWebSocket } from './transport/ws';
import { guardViewerReads } from './transport/viewer-guard';
import { createLoggingPlugin } from './transport/logging.plugin';
import { createCostPlugin } from './transport/cost.plugin';
import { createOperationGuards } from './transport/operation-limits';
import { createWordListFilter } from './adapters/content/word-list.filter';
import { createFlexibleRateLimiterFactory } from './adapters/rate-limit/flexible';

/** A running Parley node. */
export interface ParleyApp {
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  log: Logger;
  /** Stops accepting, closes sockets with 1001, finishes in-flight requests, releases resources. */
  dispose(): Promise<void>;
}

/** Hooks for tests and benchmarks. */
export interface ParleyOptions {
  log?: Logger;
  /** Called with every SQL statement the node sends. */
  onQuery?: (sql: string) => void;
}

const DEFAULT_CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client-vue/dist');
const DEFAULT_EXPLORER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../explorer/dist');

/** The composition root: wires adapters into services and services into transports, then listens. */
export async function createParley(config: Config, options: ParleyOptions = {}): Promise<ParleyApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const disposers: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const d of disposers.reverse())
      await Promise.resolve(d()).catch((err: unknown) => log.error({ err }, 'dispose failed'));
    disposers.length = 0;
  };
  try {
    let connectionString = config.DATABASE_URL;
    if (!connectionString) {
      const embedded = await startEmbeddedPostgres(config.DATA_DIR);
      disposers.push(() => embedded.dispose());
      connectionString = embedded.connectionString;
    }
    await migrate(connectionString, (msg) => log.debug({ migration: msg }, 'migrate'));
    const db = createDatabase({
      connectionString,
      // PGlite is a single backend: one connection, or transactions interleave.
      max: config.DATABASE_URL ? config.DATABASE_POOL_SIZE : 1,
      ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    });
    disposers.push(() => db.dispose());
    const bus = config.REDIS_URL
      ? await createRedisEventBus({ url: config.REDIS_URL, onError: (err) => log.warn({ err: err.message }, 'redis') })
      : createMemoryEventBus((err) => log.error({ err }, 'event listener'));
    disposers.push(() => bus.dispose());
    let limiterRedis: Redis | null = null;
    if (config.REDIS_URL) {
      const client = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      client.on('error', () => undefined);
      disposers.push(() => void client.disconnect());
      limiterRedis = client;
    }
    const users = createPgUserStore(db);
    const conversations = createPgConversationStore(db);
    const presenceStore = config.REDIS_URL
      ? await createRedisPresenceStore({
          url: config.REDIS_URL,
          onError: (err) => log.warn({ err: err.message }, 'redis'),
        })
      : createMemoryPresenceStore();
    disposers.push(() => presenceStore.dispose());
    const domain = createDomain(
      {
        users,
        sessions: createPgSessionStore(db),
        accessTokens: createPgAccessTokenStore(db),
        conversations,
        presence: presenceStore,
        presenceSettings: createPgPresenceSettingsStore(db),
        bus,
        hasher: createArgon2Hasher(),
        rateLimiters: createFlexibleRateLimiterFactory(limiterRedis),
        contentFilter: createWordListFilter(config.BLOCKED_WORDS),
      },
      {
        jwtSecret: config.JWT_SECRET ?? (await loadOrCreateSecret(config.DATA_DIR)),
        nodeId: randomUUID(),
        accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
        replayLimit: config.REPLAY_LIMIT,
        gapFillDelayMs: config.GAP_FILL_DELAY_MS,
        presenceTtlMs: config.PRESENCE_TTL_SECONDS * 1000,
        awayAfterMs: config.PRESENCE_AWAY_AFTER_SECONDS * 1000,
        typingTtlMs: config.TYPING_TTL_MS,
        typingThrottleMs: config.TYPING_THROTTLE_MS,
        typingFullListMaxMembers: config.TYPING_FULL_LIST_MAX_MEMBERS,
        abusePolicy: {
          ...DEFAULT_ABUSE_POLICY,
          sendPerSecond: config.RATE_SEND_PER_SECOND,
          sendBurst: config.RATE_SEND_BURST,
          duplicateMax: config.RATE_DUPLICATE_MAX,
          signUpPerIpPerHour: config.RATE_SIGNUP_PER_IP_PER_HOUR,
          logInPerIpPerMinute: config.RATE_LOGIN_PER_IP_PER_MINUTE,
          failedLogInsPerUsername: config.RATE_FAILED_LOGINS_PER_USERNAME,
        },
        onError: (err, where) =>
          where === 'events' ? log.error({ err }, 'event delivery') : log.warn({ err }, 'presence'),
      },
    );
    disposers.push(() => domain.dispose());
    const { feeds: _feeds, dispose: _dispose, ...services } = domain;
    const auth = domain.auth;
    const presence = domain.presence;
    const stores = { users, conversations };
    const contextFor = (viewer: Viewer | null, cache: boolean, requestId?: string, clientIp?: string): Context => ({
      viewer,
      ...(requestId ? { requestId } : {}),
      ...(clientIp ? { clientIp } : {}),
      services,
      loaders: createLoaders(stores, cache),
    });

    const schema = guardViewerReads(await buildParleySchema());
    const guards = createOperationGuards(schema, {
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxTokens: config.MAX_TOKENS,
      maxDirectives: config.MAX_DIRECTIVES,
      maxCost: config.MAX_COST,
    });
    const apollo = new ApolloServer<Context>({
      schema,
      validationRules: config.ALLOW_INTROSPECTION
        ? guards.validationRules
        : [...guards.validationRules, NoSchemaIntrospectionCustomRule],
      parseOptions: guards.parseOptions,
      allowBatchedHttpRequests: false,
      csrfPrevention: true,
      introspection: config.ALLOW_INTROSPECTION,
      hideSchemaDetailsFromClientErrors: !config.ALLOW_INTROSPECTION,
      includeStacktraceInErrorResponses: false,
      formatError: (formatted, error) => {
        const out = formatError(formatted, error, log);
        return config.ALLOW_INTROSPECTION ? out : withoutSuggestions(out);
      },
      // The explorer is served by the HTTP handler; Apollo's own landing page would load from a CDN.
      plugins: [createLoggingPlugin(log), createCostPlugin(guards), ApolloServerPluginLandingPageDisabled()],
    });
    await apollo.start();
    disposers.push(() => apollo.stop());

    const clientDist = config.CLIENT_DIST_DIR ?? DEFAULT_CLIENT_DIST;
    const explorerDist = config.EXPLORER_DIST_DIR ?? DEFAULT_EXPLORER_DIST;
    const server = createServer(
      createHttpHandler({
        apollo,
        context: async (authorization, requestId, clientIp) => {
          if (!authorization) return contextFor(null, true, requestId, clientIp);
          // A bad token on a public operation (signUp, logIn) is ignored; protected fields refuse it.
          const viewer = await auth.authenticate(authorization).catch(() => null);
          return contextFor(viewer, true, requestId, clientIp);
        },
        trustProxy: config.TRUST_PROXY,
        ready: async () => {
          await db.ping();
          await bus.ping();
        },
        maxBodyBytes: config.MAX_BODY_BYTES,
        corsOrigins: config.CORS_ORIGINS,
        ...(existsSync(clientDist) ? { serveStatic: createStaticHandler(clientDist) } : {}),
        ...(existsSync(explorerDist) ? { serveExplorer: createExplorerHandler(explorerDist) } : {}),
        log,
      }),
    );
    server.keepAliveTimeout = 5000;
    const ws = attachWebSocket({
      server,
      schema,
      guards,
      limits: {
        maxPayload: config.WS_MAX_PAYLOAD_BYTES,
        maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
        maxSocketsPerUser: config.WS_MAX_SOCKETS_PER_USER,
        maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
        operationsPerSecond: config.WS_OPERATIONS_PER_SECOND,
      },
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: config.TRUST_PROXY,
      authenticate: (a) => auth.authenticate(a),
      activeCredentialIds: (ids) => auth.activeCredentialIds(ids),
      introspection: config.ALLOW_INTROSPECTION,
      presence,
      context: (viewer, clientIp) => contextFor(viewer, false, undefined, clientIp),
      log,
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    log.info({ port, mode: config.mode }, 'Parley is listening');

    // Shutdown order: stop accepting and close sockets, let in-flight requests finish, then the rest.
    disposers.push(async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.dispose();
      server.closeIdleConnections();
      await closed;
    });
    return { server, url: `http://${host}:${port}`, log, dispose: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
