import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '@parley/core';
import type { RateLimiter, RateLimiterFactory, RateLimitPolicy } from '@parley/core';

/**
 * Limiters from `rate-limiter-flexible`. With a Redis client the buckets are shared by all nodes;
 * when Redis does not answer, each limiter falls back to a per-node memory bucket of the same
 * policy (its insurance limiter), so limits still hold per node and requests are never refused
 * just because Redis is down.
 */
export function createFlexibleRateLimiterFactory(redis: Redis | null, prefix = 'parley:rl'): RateLimiterFactory {
  const make = (name: string, points: number, duration: number, blockDuration?: number): RateLimiterAbstract => {
    const opts = { keyPrefix: `${prefix}:${name}`, points, duration, ...(blockDuration ? { blockDuration } : {}) };
    if (!redis) return new RateLimiterMemory(opts);
    return new RateLimiterRedis({
      ...opts,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  };

  return (name: string, policy: RateLimitPolicy): RateLimiter => {
    const main = make(name, policy.points, policy.durationSeconds, policy.blockSeconds);
    // How many times each key was blocked in the last day, for blocks that double each time.
    const blocks = policy.maxBlockSeconds ? make(`${name}:blocks`, Number.MAX_SAFE_INTEGER, 86_400) : null;
    const blockSeconds = async (key: string, base: number): Promise<number> => {
      if (!blocks || !policy.maxBlockSeconds) return base;
      const { consumedPoints } = await blocks.consume(key);
      return Math.min(policy.maxBlockSeconds, base * 2 ** Math.min(30, consumedPoints - 1));
    };
    const limiter = policy.burst
      ? new BurstyRateLimiter(main, make(`${name}:burst`, policy.burst.points, policy.burst.durationSeconds))
      : main;
    return {
      async consume(key, points = 1) {
        try {
          const res = await limiter.consume(key, points);
          // Spending the last point starts the block at once, so a blocked key waits `blockSeconds`,
          // not whatever is left of the counting window.
          if (policy.blockSeconds && res.remainingPoints <= 0) {
            const seconds = await blockSeconds(key, policy.blockSeconds).catch(() => policy.blockSeconds!);
            await main.block(key, seconds).catch(() => undefined);
          }
        } catch (res) {
          if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext)));
          throw res;
        }
      },
      async blockedFor(key) {
        const res = await main.get(key).catch(() => null);
        if (!res) return 0;
        return res.remainingPoints <= 0 ? Math.max(0, Math.ceil(res.msBeforeNext)) : 0;
      },
      async reset(key) {
        await main.delete(key).catch(() => undefined);
        await blocks?.delete(key).catch(() => undefined);
      },
    };
  };
}
