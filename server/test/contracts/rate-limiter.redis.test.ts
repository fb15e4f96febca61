import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { createFlexibleRateLimiterFactory } from '../../src/adapters/rate-limit/flexible';
import { TEST_REDIS_URL } from '../support/databases';
import { needs } from '../support/needs';
import { defineRateLimiterContract } from './rate-limiter.contract';

describe.skipIf(needs('redis'))('Redis', () => {
  const redis = new Redis(TEST_REDIS_URL!, { lazyConnect: false });
  afterAll(() => redis.quit());
  defineRateLimiterContract('Redis', () => createFlexibleRateLimiterFactory(redis, `parley-test:${randomUUID()}:rl`));
});
