import { createMemoryUploadStore } from '@parley/core/memory';
import { defineUploadStoreContract } from './upload-store.contract';

defineUploadStoreContract('memory', async () => ({
  store: createMemoryUploadStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
