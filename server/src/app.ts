import { createServer, type Server } from 'node:http';
import type { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { createDomain, QUEUES, RETENTION_QUEUE, type Viewer } from '@parley/core';
import { createMetrics, eventAgeMs } from './observability/metrics';
import { buildParleySchema, createLoaders, type Context } from '@parley/resolvers';
import { openAdapters } from './adapters/adapters';
import type { Queryable } from './adapters/postgres/database';
import { createFlexibleRateLimiterFactory } from './adapters/rate-limit/flexible';
import type { Config } from './config';
import { domainSettings } from './domain-settings';
import { createLogger, type Logger } from './logger';
import { PATHS } from './paths';
import { createExplorerHandler } from './transport/explorer';
import { createHttpHandler } from './transport/http';
import { startApollo } from './transport/pipeline/apollo.server';
import { createOperationPipeline } from './transport/pipeline/operation-pipeline';
import { createSseHandler } from './transport/sse/sse';
import { createStaticHandler } from './transport/static-files';
import { guardViewerReads } from './transport/execution/viewer-guard';
import { createMetricsHandler } from './transport/metrics';
import { createUnsubscribeHandler } from './transport/unsubscribe';
import { createUploadsHandler } from './transport/uploads';
import { attachWebSocket } from './transport/ws/ws';
import type { ClientOrigin } from './transport/client-address';

/**
 * How often abandoned uploads are looked for (each node looks; deleting twice is harmless) and a
 * retention run is queued (one per hour across nodes).
 */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** How often a node adds its usage counts to the day's totals and reports its connections. */
const ANALYTICS_FLUSH_MS = 30_000;

/** A running Parley node. */
export interface ParleyApp {
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  log: Logger;
  /** Stops accepting, closes sockets with 1001, finishes in-flight requests, releases resources. */
  dispose(): Promise<void>;
}

/** Hooks for tests and benchmarks, and what a cluster worker does differently. */
export interface ParleyOptions {
  log?: Logger;
  /** Apply pending migrations at start; a cluster worker leaves them to its primary. @default true */
  migrate?: boolean;
  /** Called with every SQL statement the node sends. */
  onQuery?: (sql: string) => void;
  /** Called with the node's database pool once it is open, so tests can read stored rows directly. */
  onDatabase?: (db: Queryable) => void;
  /** How pushes reach a test's local endpoint (its self-signed certificate); never set in production. */
  pushAgent?: Agent;
}

/** The composition root: wires adapters into the domain and the domain into transports, then listens. */
export async function createParley(config: Config, options: ParleyOptions = {}): Promise<ParleyApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const disposers: (() => Promise<void> | void)[] = [];
  const onDispose = (d: () => Promise<void> | void) => void disposers.push(d);
  const cleanup = async () => {
    for (const d of disposers.reverse())
      await Promise.resolve(d()).catch((err: unknown) => log.error({ err }, 'dispose failed'));
    disposers.length = 0;
  };
  try {
    const settings = await domainSettings(config, log);
    const adapters = await openAdapters(config, log, onDispose, {
      onQuery: options.onQuery,
      migrate: options.migrate,
      blobSecret: settings.jwtSecret,
      pushAgent: options.pushAgent,
    });
    options.onDatabase?.(adapters.database);
    let transports: Record<'ws' | 'sse', { stats(): { connections: number; operations: number } }> | null = null;
    const metrics = createMetrics({
      transports: () => ({
        ws: transports?.ws.stats() ?? { connections: 0, operations: 0 },
        sse: transports?.sse.stats() ?? { connections: 0, operations: 0 },
      }),
      ready: () => adapters.ready(),
      pool: () => adapters.database.poolStats(),
      jobDepth: (queue) => adapters.ports.jobs?.depth(queue) ?? Promise.resolve(0),
      queues: [...Object.values(QUEUES), RETENTION_QUEUE],
    });
    const domain = createDomain(adapters.ports, settings);
    onDispose(() => domain.dispose());
    const housekeeping = () => {
      domain.attachments?.sweep().catch((err: unknown) => log.warn({ err }, 'upload sweep'));
      domain.retention.schedule().catch((err: unknown) => log.warn({ err }, 'retention'));
    };
    const sweeper = setInterval(housekeeping, SWEEP_INTERVAL_MS).unref();
    onDispose(() => clearInterval(sweeper));
    await domain.startWorkers();
    domain.retention.schedule().catch((err: unknown) => log.warn({ err }, 'retention'));
    const { feeds: _feeds, dispose: _dispose, ...services } = domain;
    const send = services.messages.send;
    services.messages = {
      ...services.messages,
      async send(viewerId, input) {
        const started = performance.now();
        const message = await send(viewerId, input);
        metrics.sendSeconds((performance.now() - started) / 1000);
        return message;
      },
    };
    const stores = {
      users: adapters.ports.users,
      conversations: adapters.ports.conversations,
      receipts: domain.receipts,
      blocks: domain.blocks,
    };
    const contextFor = (viewer: Viewer | null, cache: boolean, requestId?: string, clientIp?: string): Context => ({
      viewer,
      ...(requestId ? { requestId } : {}),
      ...(clientIp ? { clientIp } : {}),
      services,
      loaders: createLoaders(stores, cache),
    });

    const schema = guardViewerReads(await buildParleySchema());
    const pipeline = createOperationPipeline({
      schema,
      limits: {
        maxDepth: config.MAX_DEPTH,
        maxAliases: config.MAX_ALIASES,
        maxTokens: config.MAX_TOKENS,
        maxDirectives: config.MAX_DIRECTIVES,
        maxCost: config.MAX_COST,
      },
      introspection: config.ALLOW_INTROSPECTION,
      log,
      onOutcome: (r) => {
        metrics.operation(r);
        domain.analytics?.operation(r.userId, r.codes);
      },
    });
    const apollo = await startApollo(schema, pipeline, config.ALLOW_INTROSPECTION);
    onDispose(() => apollo.stop());

    const clientDist = config.CLIENT_DIST_DIR ?? PATHS.clientDist;
    const explorerDist = config.EXPLORER_DIST_DIR ?? PATHS.explorerDist;
    const authenticate = (a: string | undefined) => domain.auth.authenticate(a);
    const activeCredentialIds = (ids: string[]) => domain.auth.activeCredentialIds(ids);
    // Per socket or per user, so per node: process memory is the right store for these buckets.
    const operationRate = (name: string) =>
      createFlexibleRateLimiterFactory(null)(name, { points: config.WS_OPERATIONS_PER_SECOND, durationSeconds: 1 });
    // What both streaming transports need: who is calling, whether their credential still holds,
    // presence, and a context for each operation (uncached loaders: streams live long).
    const streamDeps = {
      schema,
      pipeline,
      trustProxy: config.TRUST_PROXY,
      authenticate,
      activeCredentialIds,
      presence: domain.presence,
      // The address read only when a resolver asks for it (see ClientOrigin); not enumerable, so a
      // shared execution's copy of the context does not take one subscriber's address.
      context: (viewer: Viewer, origin: ClientOrigin): Context =>
        Object.defineProperty(contextFor(viewer, false), 'clientIp', { get: () => origin.address }),
      log,
    };
    const sse = createSseHandler({
      ...streamDeps,
      limits: {
        maxBodyBytes: config.MAX_BODY_BYTES,
        maxStreamsPerUser: config.WS_MAX_SOCKETS_PER_USER,
        maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
        operationsPerSecond: config.WS_OPERATIONS_PER_SECOND,
      },
      operationRate: operationRate('sse-operations'),
    });
    onDispose(() => sse.dispose());
    const server = createServer(
      createHttpHandler({
        apollo,
        context: async (authorization, requestId, clientIp) => {
          // A bad token on a public operation (signUp, logIn) is ignored; protected fields refuse it.
          const viewer = authorization ? await domain.auth.authenticate(authorization).catch(() => null) : null;
          return contextFor(viewer, true, requestId, clientIp);
        },
        trustProxy: config.TRUST_PROXY,
        ready: () => adapters.ready(),
        maxBodyBytes: config.MAX_BODY_BYTES,
        corsOrigins: config.CORS_ORIGINS,
        serveStream: (req, res) => sse.handle(req, res),
        ...(config.METRICS_TOKEN ? { serveMetrics: createMetricsHandler(metrics.registry, config.METRICS_TOKEN) } : {}),
        ...(adapters.localBlobs ? { serveUploads: createUploadsHandler(adapters.localBlobs) } : {}),
        ...(domain.notifications
          ? { serveUnsubscribe: createUnsubscribeHandler((u, sig) => domain.notifications!.unsubscribeEmail(u, sig)) }
          : {}),
        ...(existsSync(clientDist) ? { serveStatic: createStaticHandler(clientDist) } : {}),
        ...(existsSync(explorerDist) ? { serveExplorer: createExplorerHandler(explorerDist) } : {}),
        log,
      }),
    );
    server.keepAliveTimeout = 5000;
    const ws = attachWebSocket({
      ...streamDeps,
      server,
      limits: {
        maxPayload: config.WS_MAX_PAYLOAD_BYTES,
        maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
        maxSocketsPerUser: config.WS_MAX_SOCKETS_PER_USER,
        maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
        operationsPerSecond: config.WS_OPERATIONS_PER_SECOND,
        keepAliveMs: config.WS_KEEPALIVE_MS,
      },
      operationRate: operationRate('ws-operations'),
      corsOrigins: config.CORS_ORIGINS,
      observe: {
        executed(event) {
          const ms = eventAgeMs(event);
          if (ms === null) return;
          metrics.eventExecuted(ms);
          domain.analytics?.delivered(ms);
        },
        delivered: () => metrics.delivered(),
      },
    });
    transports = { ws, sse };
    const analytics = domain.analytics;
    if (analytics) {
      analytics.countConnectionsWith(() => ws.stats().connections + sse.stats().connections);
      const flushAnalytics = () => analytics.flush().catch((err: unknown) => log.warn({ err }, 'analytics flush'));
      const flusher = setInterval(() => void flushAnalytics(), ANALYTICS_FLUSH_MS).unref();
      onDispose(() => {
        clearInterval(flusher);
        return flushAnalytics();
      });
    }
    if (config.METRICS_PORT !== undefined) {
      const serveMetrics = createMetricsHandler(metrics.registry, null);
      const metricsServer = createServer((req, res) => void serveMetrics(req, res));
      await new Promise<void>((resolve, reject) => {
        metricsServer.once('error', reject);
        metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST, () => resolve());
      });
      onDispose(() => new Promise<void>((resolve) => metricsServer.close(() => resolve())));
    }

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    log.info({ port, mode: config.mode, node: process.version }, 'Parley is listening');

    // Shutdown order: stop accepting and close sockets, let in-flight requests finish, then the rest.
    onDispose(async () => {
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
