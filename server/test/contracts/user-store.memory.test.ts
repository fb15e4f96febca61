import { createMemoryUserStore } from '@parley/core/memory';
import { defineUserStoreContract } from './user-store.contract';

defineUserStoreContract('memory', async () => ({ store: createMemoryUserStore(), dispose: async () => undefined }));
