import { createMemorySuspensionStore } from '@parley/core/memory';
import { defineSuspensionStoreContract } from './suspension-store.contract';

defineSuspensionStoreContract('memory', async () => ({
  store: createMemorySuspensionStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
