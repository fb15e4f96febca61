import { createMemoryCredentialStores } from '@parley/core/memory';
import { defineAccessTokenStoreContract } from './access-token-store.contract';

defineAccessTokenStoreContract('memory', async () => {
  const { sessions, accessTokens } = createMemoryCredentialStores();
  return { store: accessTokens, sessions, createUser: async () => undefined, dispose: async () => undefined };
});
