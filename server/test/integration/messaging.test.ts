import { describe } from 'vitest';
import type { TestMode } from '../support/app';
import { needs } from '../support/needs';
import { conversationTests } from './messaging/conversations';
import { eventTests } from './messaging/events';
import { messagingSuite } from './messaging/fixture';
import { membershipTests } from './messaging/membership';
import { messageTests } from './messaging/messages';

// The tests are in messaging/, a file a topic. They run here on one node per mode: starting a node is
// the slow part, and a test file of their own would start two more for each topic.
describe.each(['pglite', 'postgres', 'mongo'] as TestMode[])('messaging (%s)', (mode) => {
  const skip = mode === 'postgres' ? needs('postgres') : mode === 'mongo' ? needs('postgres', 'mongo-emulator') : false;
  describe.skipIf(skip)('', () => {
    const suite = messagingSuite(mode);
    conversationTests(suite);
    membershipTests(suite);
    messageTests(suite);
    eventTests(suite);
  });
});
