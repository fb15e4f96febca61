import { createMemoryReportStore } from '@parley/core/memory';
import { defineReportStoreContract } from './report-store.contract';

defineReportStoreContract('memory', async () => ({
  store: createMemoryReportStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
