import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuspensionStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface SuspensionStoreFixture {
  store: SuspensionStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();

/** The behaviour every {@link SuspensionStore} adapter must have. */
export function defineSuspensionStoreContract(name: string, factory: () => Promise<SuspensionStoreFixture>): void {
  describe(`SuspensionStore contract: ${name}`, () => {
    let f: SuspensionStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());
    /** The one user's suspension in force, or null. */
    const inForce = async (userId: string, now: string) => (await f.store.inForce([userId], now)).get(userId) ?? null;
    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };

    it('keeps a suspension in force until its end, a ban for good, and a new one replaces the old', async () => {
      const [u, admin] = [await user(), await user()];
      const first = { id: randomUUID(), userId: u, until: at(5), reason: 'spam', by: admin, at: at(1), liftedAt: null };
      await f.store.suspend(first);
      expect(await inForce(u, at(2))).toEqual(first);
      expect(await inForce(u, at(5))).toBeNull();
      const ban = { ...first, id: randomUUID(), until: null, reason: 'again', at: at(3) };
      await f.store.suspend(ban);
      expect(await inForce(u, at(100))).toEqual(ban);
      expect(await inForce(await user(), at(2))).toBeNull();
      // Many users in one call: only those with a suspension in force, each with their newest.
      expect(await f.store.inForce([u, await user()], at(100))).toEqual(new Map([[u, ban]]));
      expect(await f.store.inForce([], at(100))).toEqual(new Map());
    });

    it('takes one appeal per suspension and records the decision once', async () => {
      const [u, admin, other] = [await user(), await user(), await user()];
      const s = { id: randomUUID(), userId: u, until: null, reason: 'r', by: admin, at: at(1), liftedAt: null };
      await f.store.suspend(s);
      expect(await f.store.get(s.id)).toEqual(s);
      const appeal = {
        id: randomUUID(),
        suspensionId: s.id,
        userId: u,
        note: 'it was my brother',
        createdAt: at(2),
        status: 'OPEN' as const,
        decision: null,
      };
      expect(await f.store.appeal(appeal)).toBe(true);
      expect(await f.store.appeal({ ...appeal, id: randomUUID() })).toBe(false);
      expect((await f.store.appeals('OPEN', 1000)).map((a) => a.id)).toContain(appeal.id);
      const decision = { by: other, reason: 'plausible', at: at(3) };
      expect(await f.store.decideAppeal(appeal.id, 'LIFTED', decision)).toBe(true);
      expect(await f.store.decideAppeal(appeal.id, 'UPHELD', decision)).toBe(false);
      expect(await f.store.getAppeal(appeal.id)).toEqual({ ...appeal, status: 'LIFTED', decision });
      expect((await f.store.appeals('OPEN', 1000)).map((a) => a.id)).not.toContain(appeal.id);
    });

    it('lifts the suspension in force, once', async () => {
      const [u, admin] = [await user(), await user()];
      await f.store.suspend({
        id: randomUUID(),
        userId: u,
        until: null,
        reason: 'r',
        by: admin,
        at: at(1),
        liftedAt: null,
      });
      expect(await f.store.lift(u, at(2))).toBe(true);
      expect(await f.store.lift(u, at(3))).toBe(false);
      expect(await inForce(u, at(4))).toBeNull();
    });
  });
}
