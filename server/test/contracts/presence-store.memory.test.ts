import { createMemoryPresenceStore } from '@parley/core/memory';
import { definePresenceStoreContract } from './presence-store.contract';

// One process is one node: both "nodes" share the one in-memory store.
definePresenceStoreContract('memory', async () => {
  const store = createMemoryPresenceStore();
  return { node: async () => ({ ...store, dispose: async () => undefined }), cleanup: () => store.dispose() };
});
