import { createMemoryServerRoleStore } from '@parley/core/memory';
import { defineServerRoleStoreContract } from './server-role-store.contract';

defineServerRoleStoreContract('memory', async () => ({
  store: createMemoryServerRoleStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
