import { describe } from 'vitest';
import { useTestApp, type TestMode } from '../support/app';
import { needs } from '../support/needs';
import { accountTests } from './auth/accounts';
import { sessionTests } from './auth/sessions';

const modes: TestMode[] = ['pglite', 'postgres'];

// The tests are in auth/, a file a topic. They run here on one node per mode: starting a node is the
// slow part, and a test file of their own would start two more for each topic.
describe.each(modes)('auth (%s)', (mode) => {
  describe.skipIf(mode === 'postgres' && needs('postgres'))('', () => {
    const app = useTestApp(mode);
    accountTests(app);
    sessionTests(app, mode);
  });
});
