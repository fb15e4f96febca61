import { createMemoryConversationStore } from '@parley/core/memory';
import { defineConversationStoreContract } from './conversation-store.contract';

defineConversationStoreContract('memory', async () => ({
  store: createMemoryConversationStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
