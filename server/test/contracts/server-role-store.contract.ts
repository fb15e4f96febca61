import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerRoleStore } from '@parley/core';

/** What each adapter's test hands the contract: the store, and a way to make users it may refer to. */
export interface ServerRoleStoreFixture {
  store: ServerRoleStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link ServerRoleStore} adapter must have. */
export function defineServerRoleStoreContract(name: string, factory: () => Promise<ServerRoleStoreFixture>): void {
  describe(`ServerRoleStore contract: ${name}`, () => {
    let f: ServerRoleStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());
    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };
    const at = new Date(Date.UTC(2026, 0, 1)).toISOString();

    it('grants and withdraws the role once each, and reports only holders', async () => {
      const [granter, a, b] = [await user(), await user(), await user()];
      expect(await f.store.adminsAmong([a, b])).toEqual(new Set());
      expect(await f.store.setAdmin(a, true, granter, at)).toBe(true);
      expect(await f.store.setAdmin(a, true, granter, at)).toBe(false);
      expect(await f.store.adminsAmong([a, b, granter])).toEqual(new Set([a]));
      expect(await f.store.setAdmin(b, false, granter, at)).toBe(false);
      expect(await f.store.setAdmin(a, false, granter, at)).toBe(true);
      expect(await f.store.adminsAmong([a])).toEqual(new Set());
      expect(await f.store.adminsAmong([])).toEqual(new Set());
    });
  });
}
