import { randomUUID } from 'node:crypto';
import { createMemoryConversationStore, createMemoryNotificationStore } from '@parley/core/memory';
import { defineNotificationStoreContract } from './notification-store.contract';

defineNotificationStoreContract('memory', async () => {
  const conversations = createMemoryConversationStore();
  return {
    store: createMemoryNotificationStore(conversations),
    createUser: async () => undefined,
    async createConversation(memberIds) {
      const id = randomUUID();
      await conversations.create(
        { id, kind: 'GROUP', title: 't', description: null, createdAt: new Date().toISOString(), directKey: null },
        memberIds.map((userId) => ({ userId, role: 'MEMBER' as const })),
        async () => undefined,
      );
      return id;
    },
    dispose: async () => undefined,
  };
});
