import { createMemoryBlockStore } from '@parley/core/memory';
import { defineBlockStoreContract } from './block-store.contract';

defineBlockStoreContract('memory', async () => ({
  store: createMemoryBlockStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
