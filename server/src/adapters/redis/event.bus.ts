import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import type { EventBus } from '@parley/core';
import { deliverSpan, publishSpan } from '../../observability/tracing';

/** The key of a traced message's trace context (a name no event has). */
const TRACE = '__parleyTrace';

/** Options of {@link createRedisEventBus}. */
export interface RedisEventBusOptions {
  url: string;
  /** Channel prefix, so several deployments can share one Redis. @default 'parley:' */
  prefix?: string;
  onError?: (err: Error) => void;
  /** Name both connections report in `CLIENT LIST`, to tell a node's connections apart. */
  connectionName?: string;
}

/**
 * {@link EventBus} over Redis pub/sub. `RedisPubSub` subscribes each channel once per node and
 * counts local handlers; ioredis reconnects and resubscribes after Redis restarts, and every
 * reconnect is reported through `onResync` because messages published meanwhile are gone.
 */
export async function createRedisEventBus(o: RedisEventBusOptions): Promise<EventBus> {
  const prefix = o.prefix ?? 'parley:';
  const onError = o.onError ?? (() => undefined);
  const retryStrategy = (times: number) => Math.min(50 * 2 ** times, 2000);
  const named = o.connectionName ? { connectionName: o.connectionName } : {};
  const publisher = new Redis(o.url, {
    retryStrategy,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: false,
    lazyConnect: false,
    // The PUBLISHes of one turn of the event loop (many requests' events under load) leave in one
    // write, in the order they were made, instead of a system call and a Redis wake-up each.
    enableAutoPipelining: true,
    ...named,
  });
  // No ready check on the subscriber: a SUBSCRIBE sent while (re)connecting puts the connection in
  // subscriber mode, the check's INFO is then refused and the rejection goes unhandled.
  const subscriber = new Redis(o.url, {
    retryStrategy,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
    enableReadyCheck: false,
    ...named,
  });
  for (const c of [publisher, subscriber]) c.on('error', onError);
  const resync = new Set<() => void>();
  let everReady = false;
  subscriber.on('ready', () => {
    if (everReady) for (const cb of resync) cb();
    everReady = true;
  });
  const pubsub = new RedisPubSub({ publisher, subscriber });
  // The publisher fails fast while disconnected (no offline queue), so wait for it once at start.
  if (publisher.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis at ${redactUrl(o.url)} not reachable`)), 10_000);
      publisher.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    }).catch(async (err: unknown) => {
      publisher.disconnect();
      subscriber.disconnect();
      throw err;
    });
  }

  return {
    async publish(channel, message) {
      // With tracing on, the message travels with its publish span's context; off, as it is.
      const span = publishSpan(channel);
      try {
        const traced = Object.keys(span.carrier).length > 0;
        await pubsub.publish(prefix + channel, traced ? { [TRACE]: span.carrier, message } : message);
      } finally {
        span.end();
      }
    },
    async subscribe(channel, handler) {
      // A throwing listener must neither stop the node's other listeners nor escape into ioredis.
      const id = await pubsub.subscribe(prefix + channel, (message: unknown) => {
        try {
          const traced = typeof message === 'object' && message !== null && TRACE in message;
          if (!traced) handler(message);
          else {
            const { [TRACE]: carrier, message: inner } = message as {
              [TRACE]: Record<string, string>;
              message: unknown;
            };
            deliverSpan(channel, carrier, () => handler(inner));
          }
        } catch (err) {
          onError(err instanceof Error ? err : new Error(String(err)));
        }
      });
      return () => pubsub.unsubscribe(id);
    },
    onResync: (cb) => void resync.add(cb),
    async ping() {
      await publisher.ping();
    },
    async dispose() {
      resync.clear();
      await pubsub.close();
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
