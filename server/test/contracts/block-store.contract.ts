import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockStore } from '@parley/core';

/** What each adapter's test hands the contract: the store, and a way to make users it may refer to. */
export interface BlockStoreFixture {
  store: BlockStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link BlockStore} adapter must have. */
export function defineBlockStoreContract(name: string, factory: () => Promise<BlockStoreFixture>): void {
  describe(`BlockStore contract: ${name}`, () => {
    let f: BlockStoreFixture;
    let store: BlockStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

    it('blocks once: the second time reports nothing new and keeps the first time', async () => {
      const [a, b] = [await user(), await user()];
      expect(await store.block(a, b, at(1))).toBe(true);
      expect(await store.block(a, b, at(5))).toBe(false);
      expect(await store.listBlocked(a)).toEqual([{ userId: b, blockedAt: at(1) }]);
    });

    it('has a direction: a blocking b says nothing about b blocking a', async () => {
      const [a, b] = [await user(), await user()];
      await store.block(a, b, at(1));
      expect(await store.blockedAmong(a, [b])).toEqual(new Set([b]));
      expect(await store.blockedAmong(b, [a])).toEqual(new Set());
      expect(await store.blockersOf(b)).toEqual(new Set([a]));
      expect(await store.blockersOf(a)).toEqual(new Set());
      expect(await store.listBlocked(b)).toEqual([]);
    });

    it('lists the blocked users newest first', async () => {
      const [a, b, c, d] = [await user(), await user(), await user(), await user()];
      await store.block(a, c, at(2));
      await store.block(a, b, at(1));
      await store.block(a, d, at(3));
      expect((await store.listBlocked(a)).map((e) => e.userId)).toEqual([d, c, b]);
    });

    it('answers blockedAmong for many ids at once, ignoring ids it never blocked', async () => {
      const [a, b, c, d] = [await user(), await user(), await user(), await user()];
      await store.block(a, b, at(1));
      await store.block(a, d, at(2));
      expect(await store.blockedAmong(a, [b, c, d, randomUUID()])).toEqual(new Set([b, d]));
      expect(await store.blockedAmong(a, [])).toEqual(new Set());
    });

    it('knows every blocker of a user', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      await store.block(a, c, at(1));
      await store.block(b, c, at(2));
      expect(await store.blockersOf(c)).toEqual(new Set([a, b]));
    });

    it('names everyone on either side of a block with a user as their counterparts', async () => {
      const [a, b, c, d] = [await user(), await user(), await user(), await user()];
      await store.block(a, b, at(1));
      await store.block(c, a, at(2));
      await store.block(a, c, at(3));
      expect(await store.counterparts(a)).toEqual(new Set([b, c]));
      expect(await store.counterparts(b)).toEqual(new Set([a]));
      expect(await store.counterparts(d)).toEqual(new Set());
    });

    it('unblocks: true once, then false; blocking again starts anew', async () => {
      const [a, b] = [await user(), await user()];
      await store.block(a, b, at(1));
      expect(await store.unblock(a, b)).toBe(true);
      expect(await store.unblock(a, b)).toBe(false);
      expect(await store.blockedAmong(a, [b])).toEqual(new Set());
      expect(await store.blockersOf(b)).toEqual(new Set());
      expect(await store.block(a, b, at(9))).toBe(true);
      expect(await store.listBlocked(a)).toEqual([{ userId: b, blockedAt: at(9) }]);
    });

    it('keeps both directions apart when both block each other', async () => {
      const [a, b] = [await user(), await user()];
      await store.block(a, b, at(1));
      await store.block(b, a, at(2));
      await store.unblock(a, b);
      expect(await store.blockedAmong(a, [b])).toEqual(new Set());
      expect(await store.blockedAmong(b, [a])).toEqual(new Set([a]));
    });
  });
}
