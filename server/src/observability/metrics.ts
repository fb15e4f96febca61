import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationOutcome } from '../transport/pipeline/operation-pipeline';

/** What the metrics read when scraped: live counts owned by the transports and adapters. */
export interface MetricSources {
  /** Open connections and active operations per transport. */
  transports: () => Record<'ws' | 'sse', { connections: number; operations: number }>;
  /** Whether the database (and Redis, when configured) answer. */
  ready: () => Promise<void>;
  /** The node's PostgreSQL pool: connections open, idle, and requests waiting for one. */
  pool: () => { total: number; idle: number; waiting: number };
  /** Jobs waiting or running, per queue. */
  jobDepth: (queue: string) => Promise<number>;
  queues: readonly string[];
}

/** Latency buckets in seconds, from 1 ms to 10 s. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One node's Prometheus metrics, on a registry of its own (several nodes may live in one test
 * process). Hot paths only bump plain numbers or observe one value per event; what can be read
 * when scraped is read then.
 */
export function createMetrics(s: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  let delivered = 0;

  new Gauge({
    name: 'parley_connections',
    help: 'Open WebSocket connections and SSE streams on this node.',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      for (const [transport, t] of Object.entries(s.transports())) this.set({ transport }, t.connections);
    },
  });
  new Gauge({
    name: 'parley_subscriptions',
    help: 'Active streamed operations (subscriptions) on this node.',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      for (const [transport, t] of Object.entries(s.transports())) this.set({ transport }, t.operations);
    },
  });
  new Counter({
    name: 'parley_events_delivered_total',
    help: 'Subscription results written to WebSocket connections.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(delivered);
    },
  });
  const lag = new Histogram({
    name: 'parley_fanout_lag_seconds',
    help: 'From an event being stored to its result being computed on this node (once per event and operation).',
    buckets: BUCKETS,
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'parley_operation_duration_seconds',
    help: 'GraphQL operations by transport, type and outcome (streams: until they end).',
    labelNames: ['transport', 'type', 'outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const sends = new Histogram({
    name: 'parley_message_send_seconds',
    help: 'sendMessage from the resolver’s call to the stored message (validation, lock, write).',
    buckets: BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'parley_errors_total',
    help: 'Errors answered, by code (RATE_LIMITED counts rate-limit refusals).',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'parley_storage_up',
    help: '1 when the database (and Redis, when configured) answer.',
    registers: [registry],
    async collect() {
      this.set(
        await s.ready().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });
  new Gauge({
    name: 'parley_db_pool_connections',
    help: 'PostgreSQL connections of this node by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = s.pool();
      this.set({ state: 'total' }, p.total);
      this.set({ state: 'idle' }, p.idle);
      this.set({ state: 'waiting' }, p.waiting);
    },
  });
  new Gauge({
    name: 'parley_job_queue_depth',
    help: 'Background jobs waiting or running, by queue.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const queue of s.queues) this.set({ queue }, await s.jobDepth(queue).catch(() => -1));
    },
  });

  return {
    registry,
    /** One operation ended. */
    operation(r: OperationOutcome): void {
      const codes = [...new Set(r.codes)];
      operations.observe(
        { transport: r.transport, type: r.operation ?? 'unknown', outcome: codes.length ? 'error' : 'ok' },
        r.durationMs / 1000,
      );
      for (const code of codes) errors.inc({ code: String(code ?? 'UNKNOWN') });
    },
    /** A subscription result was computed for an event `ms` after it was stored (once per event and operation). */
    eventExecuted(ms: number): void {
      lag.observe(ms / 1000);
    },
    /** A result went out on one connection. */
    delivered(): void {
      delivered++;
    },
    sendSeconds(seconds: number): void {
      sends.observe(seconds);
    },
  };
}

/** How long ago an event was stored, in ms; null for what is not a stored event. */
export function eventAgeMs(event: unknown): number | null {
  const at = Date.parse((event as { createdAt?: string } | null)?.createdAt ?? '');
  return Number.isFinite(at) ? Math.max(0, Date.now() - at) : null;
}

/** A node's metrics. */
export type Metrics = ReturnType<typeof createMetrics>;
