import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { buildParleySchema, createLoaders, type Context, type Services } from '@parley/resolvers';
import { createArgon2Hasher } from './adapters/crypto/argon2.hasher';
import { createMemoryEventBus } from './adapters/memory/event.bus';
import { createPgConversationStore } from './adapters/postgres/conversation.store';
import { createDatabase } from './adapters/postgres/database';
import { startEmbeddedPostgres } from './adapters/postgres/embedded';
import { migrate } from './adapters/postgres/migrate';
import { createPgSessionStore } from './adapters/postgres/session.store';
import { createPgUserStore } from './adapters/postgres/user.store';
import { createRedisEventBus } from './adapters/redis/event.bus';
import type { Config } from './config';
import { createAuthService, type Viewer } from './domain/auth.service';
import { createConversationFeeds } from './domain/conversation-feeds';
import { createConversationService } from './domain/conversation.service';
import { createEventPublisher } from './domain/event-publisher';
import { createMessageService } from './domain/message.service';
import { createUserService } from './domain/user.service';
import { createLogger, type Logger } from './logger';
import { loadOrCreateSecret } from './secrets';
import { formatError } from './transport/format-error';
import { createHttpHandler } from './transport/http';
import { createStaticHandler } from './transport/static-files';
import { attachWebSocket } from './transport/ws';
import { createLoggingPlugin } from './transport/logging.plugin';

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

/** The composition root: wires adapters into services and services into transports, then listens. */
export async function createParley(config: Config, options: ParleyOptions = {}): Promise<ParleyApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const disposers: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const d of disposers.reverse()) await Promise.resolve(d()).catch((err: unknown) => log.error({ err }, 'dispose failed'));
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
      : createMemoryEventBus();
    disposers.push(() => bus.dispose());

    const users = createPgUserStore(db);
    const conversationsStore = createPgConversationStore(db);
    const onError = (err: unknown) => log.error({ err }, 'event delivery');
    const feeds = createConversationFeeds({ bus, store: conversationsStore, gapFillDelayMs: config.GAP_FILL_DELAY_MS, onError });
    disposers.push(() => feeds.dispose());
    const publisher = createEventPublisher(bus, feeds, onError);
    const auth = createAuthService({
      users,
      sessions: createPgSessionStore(db),
      hasher: createArgon2Hasher(),
      jwtSecret: config.JWT_SECRET ?? (await loadOrCreateSecret(config.DATA_DIR)),
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    });
    const services: Services = {
      auth,
      users: createUserService(users),
      conversations: createConversationService({ store: conversationsStore, users, publisher }),
      messages: createMessageService({
        store: conversationsStore,
        users,
        bus,
        publisher,
        feeds,
        replayLimit: config.REPLAY_LIMIT,
      }),
    };
    const stores = { users, conversations: conversationsStore };
    const contextFor = (viewer: Viewer | null, cache: boolean, requestId?: string): Context => ({
      viewer,
      ...(requestId ? { requestId } : {}),
      services,
      loaders: createLoaders(stores, viewer?.userId ?? null, cache),
    });

    const schema = await buildParleySchema();
    const apollo = new ApolloServer<Context>({
      schema,
      csrfPrevention: true,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      formatError: (formatted, error) => formatError(formatted, error, log),
      plugins: [createLoggingPlugin(log)],
    });
    await apollo.start();
    disposers.push(() => apollo.stop());

    const clientDist = config.CLIENT_DIST_DIR ?? DEFAULT_CLIENT_DIST;
    const server = createServer(
      createHttpHandler({
        apollo,
        context: async (authorization, requestId) => {
          if (!authorization) return contextFor(null, true, requestId);
          // A bad token on a public operation (signUp, logIn) is ignored; protected fields refuse it.
          const viewer = await auth.authenticate(authorization).catch(() => null);
          return contextFor(viewer, true, requestId);
        },
        ready: async () => {
          await db.ping();
          await bus.ping();
        },
        maxBodyBytes: config.MAX_BODY_BYTES,
        corsOrigins: config.CORS_ORIGINS,
        ...(existsSync(clientDist) ? { serveStatic: createStaticHandler(clientDist) } : {}),
        log,
      }),
    );
    server.keepAliveTimeout = 5000;
    const ws = attachWebSocket({
      server,
      schema,
      authenticate: (a) => auth.authenticate(a),
      context: (viewer) => contextFor(viewer, false),
      maxPayload: 64 * 1024,
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
