import { describe, expect, it } from 'vitest';
import { createChannelBus } from '../events/bus-channels';
import { createMemoryBlockStore } from '../memory/block.store';
import { createMemoryEventBus } from '../memory/event.bus';
import type { BlockStore } from '../ports/block.store';
import { createBlockCache } from './block-cache';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('block cache', () => {
  it('reads a viewer’s blockers once, then follows notices without reading again', async () => {
    const store = createMemoryBlockStore();
    let reads = 0;
    const counting: BlockStore = { ...store, blockersOf: (id) => (reads++, store.blockersOf(id)) };
    const cache = createBlockCache({ store: counting, bus: createChannelBus(createMemoryEventBus()) });
    await store.block('a', 'v', new Date());
    const changes: string[] = [];
    const view = await cache.retain('v', (id) => changes.push(id));
    const second = await cache.retain('v');
    expect(view.blocks('a')).toBe(true);
    expect(view.blocks('b')).toBe(false);

    await store.block('b', 'v', new Date());
    await cache.publish({ blockerId: 'b', blockedId: 'v', blocked: true });
    await cache.publish({ blockerId: 'a', blockedId: 'v', blocked: false });
    await tick();
    expect([view.blocks('a'), view.blocks('b'), second.blocks('b')]).toEqual([false, true, true]);
    expect(changes).toEqual(['b', 'a']);
    expect(reads).toBe(1);
    view.release();
    second.release();
  });

  it('keeps a change that arrives while the first read is under way', async () => {
    const store = createMemoryBlockStore();
    const bus = createChannelBus(createMemoryEventBus());
    let cache: ReturnType<typeof createBlockCache> | null = null;
    // The read answers from before the block; its notice arrives before the answer does.
    const slow: BlockStore = {
      ...store,
      blockersOf: async () => {
        await cache!.publish({ blockerId: 'a', blockedId: 'v', blocked: true });
        await tick();
        return new Set<string>();
      },
    };
    cache = createBlockCache({ store: slow, bus });
    const view = await cache.retain('v');
    expect(view.blocks('a')).toBe(true);
    view.release();
  });

  it('stops listening when the last view is released, and reads afresh the next time', async () => {
    const store = createMemoryBlockStore();
    const cache = createBlockCache({ store, bus: createChannelBus(createMemoryEventBus()) });
    const view = await cache.retain('v');
    view.release();
    view.release();
    await store.block('a', 'v', new Date());
    await cache.publish({ blockerId: 'a', blockedId: 'v', blocked: true });
    await tick();
    expect(view.blocks('a')).toBe(false);
    expect((await cache.retain('v')).blocks('a')).toBe(true);
  });

  it('does not keep a failed read: the next subscriber reads again', async () => {
    const store = createMemoryBlockStore();
    await store.block('a', 'v', new Date());
    let fail = true;
    const flaky: BlockStore = {
      ...store,
      blockersOf: (id) => (fail ? Promise.reject(new Error('down')) : store.blockersOf(id)),
    };
    const cache = createBlockCache({ store: flaky, bus: createChannelBus(createMemoryEventBus()) });
    await expect(cache.retain('v')).rejects.toThrow('down');
    fail = false;
    expect((await cache.retain('v')).blocks('a')).toBe(true);
  });
});
