import {
  createMemoryConversationStore,
  createMemoryPresenceSettingsStore,
  createMemoryUserStore,
} from '@parley/core/memory';
import { definePresenceSettingsStoreContract } from './presence-settings-store.contract';

definePresenceSettingsStoreContract('memory', async () => {
  const users = createMemoryUserStore();
  const conversations = createMemoryConversationStore();
  return {
    store: createMemoryPresenceSettingsStore(users, conversations),
    users,
    conversations,
    dispose: async () => undefined,
  };
});
