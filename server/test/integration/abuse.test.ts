import { describe } from 'vitest';
import { defaultLimitsNode } from './abuse/fixture';
import { operationLimitTests } from './abuse/operation-limits';
import { rateLimitTests } from './abuse/rate-limits';
import { slowConsumerTests, websocketLimitTests } from './abuse/websocket';

// The tests are in abuse/, a file a kind of attack. The first three share one node here: starting a
// node is the slow part, and a test file of their own would start one more for each.

/** One node with the documented default limits (sign-ups relaxed: the suite signs up many users). */
describe('abuse resistance: one node, default limits', () => {
  const node = defaultLimitsNode();
  operationLimitTests(node);
  websocketLimitTests(node);
  rateLimitTests(node);
});

/** Volume on one socket, on a node whose sends are not rate limited (the volume is the point). */
describe('abuse resistance: subscriptions and slow consumers', () => {
  slowConsumerTests();
});
