import { createMemoryConversationStore } from '../../src/adapters/memory/conversation.store';
import { defineConversationStoreContract } from './conversation-store.contract';

defineConversationStoreContract('memory', async () => ({
  store: createMemoryConversationStore(),
  createUser: async () => undefined,
  dispose: async () => undefined,
}));
