import { createMemoryCredentialStores } from '@parley/core/memory';
import { defineSessionStoreContract } from './session-store.contract';

defineSessionStoreContract('memory', async () => ({
  store: createMemoryCredentialStores().sessions,
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
