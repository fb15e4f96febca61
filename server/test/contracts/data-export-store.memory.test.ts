import { createMemoryDataExportStore } from '@parley/core/memory';
import { defineDataExportStoreContract } from './data-export-store.contract';

defineDataExportStoreContract('memory', async () => ({
  store: createMemoryDataExportStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
