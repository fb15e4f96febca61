import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { createMemoryConversationStore } from '@parley/core/memory';
import { createTestDomain } from '@parley/core/testing';
import { createMemoryUserStore } from '@parley/core/memory';
import { createLoaders } from './loaders';

describe('createLoaders', () => {
  it('builds each loader on first use and keeps it, so one request batches through one loader', async () => {
    const users = createMemoryUserStore();
    let lookups = 0;
    const counting = { ...users, findByIds: (ids: readonly string[]) => (lookups++, users.findByIds(ids)) };
    const d = createTestDomain();
    const loaders = createLoaders({
      users: counting,
      conversations: createMemoryConversationStore(),
      receipts: d.receipts,
      blocks: d.blocks,
    });
    const names = [
      'blockedByMe',
      'conversations',
      'memberships',
      'messages',
      'reactionsBy',
      'receipts',
      'unreadCounts',
      'users',
    ] as const;
    for (const name of names) {
      expect(loaders[name]).toBeInstanceOf(DataLoader);
      expect(loaders[name]).toBe(loaders[name]);
    }
    // Each set of loaders is its own: one request's batches and caches never reach another's.
    expect(
      createLoaders({ users, conversations: createMemoryConversationStore(), receipts: d.receipts, blocks: d.blocks })
        .users,
    ).not.toBe(loaders.users);
    await Promise.all(['a', 'b', 'c'].map((id) => loaders.users.load(id)));
    expect(lookups).toBe(1);
  });
});
