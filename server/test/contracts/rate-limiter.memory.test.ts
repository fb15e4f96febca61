import { createFlexibleRateLimiterFactory } from '../../src/adapters/rate-limit/flexible';
import { defineRateLimiterContract } from './rate-limiter.contract';

defineRateLimiterContract('memory', () => createFlexibleRateLimiterFactory(null));
