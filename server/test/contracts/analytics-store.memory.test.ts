import { createMemoryAnalyticsStore } from '@parley/core/memory';
import { defineAnalyticsStoreContract } from './analytics-store.contract';

defineAnalyticsStoreContract('memory', async () => ({
  store: createMemoryAnalyticsStore(),
  dispose: async () => undefined,
}));
