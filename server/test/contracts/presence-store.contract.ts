import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PresenceStore } from '@parley/core';

/**
 * The behaviour every {@link PresenceStore} adapter must have. `factory` returns a fresh store,
 * isolated from other tests' stores on shared infrastructure (e.g. by a key prefix); two stores
 * from one `shared` factory call stand for two nodes on the same backend.
 */
export function definePresenceStoreContract(
  name: string,
  factory: () => Promise<{ node: () => Promise<PresenceStore>; cleanup: () => Promise<void> }>,
): void {
  describe(`PresenceStore contract: ${name}`, () => {
    const T = 1_000_000;
    const none = { chosenStatus: null, statusText: null };

    async function withNodes(n: number, fn: (...stores: PresenceStore[]) => Promise<void>): Promise<void> {
      const backend = await factory();
      const stores: PresenceStore[] = [];
      try {
        for (let i = 0; i < n; i++) stores.push(await backend.node());
        await fn(...stores);
      } finally {
        for (const s of stores) await s.dispose();
        await backend.cleanup();
      }
    }

    it('counts connections until the last one goes, then records when', async () => {
      await withNodes(1, async (s) => {
        const u = randomUUID();
        expect((await s.get([u])).get(u)).toBeUndefined();
        await s.connect({ userId: u, connectionId: 'a' }, T, T + 60_000, none);
        await s.connect({ userId: u, connectionId: 'b' }, T + 1, T + 60_000, none);
        expect((await s.get([u])).get(u)).toMatchObject({ connections: 2, lastActiveAt: T + 1, lastSeenAt: null });
        expect(await s.disconnect({ userId: u, connectionId: 'a' }, T + 5)).toBe(false);
        expect(await s.disconnect({ userId: u, connectionId: 'a' }, T + 6)).toBe(false);
        expect(await s.disconnect({ userId: u, connectionId: 'b' }, T + 7)).toBe(true);
        expect((await s.get([u])).get(u)).toMatchObject({ connections: 0, lastSeenAt: T + 7 });
      });
    });

    it('seeds and changes the chosen status and text', async () => {
      await withNodes(1, async (s) => {
        const u = randomUUID();
        await s.connect({ userId: u, connectionId: 'a' }, T, T + 60_000, {
          chosenStatus: 'BUSY',
          statusText: 'in a meeting',
        });
        expect((await s.get([u])).get(u)).toMatchObject({ chosenStatus: 'BUSY', statusText: 'in a meeting' });
        await s.setChosenStatus(u, 'INVISIBLE', null);
        expect((await s.get([u])).get(u)).toMatchObject({ chosenStatus: 'INVISIBLE', statusText: null });
        await s.setChosenStatus(u, null, 'hi');
        expect((await s.get([u])).get(u)).toMatchObject({ chosenStatus: null, statusText: 'hi' });
      });
    });

    it('sweeps expired connections once, across nodes, and keeps refreshed ones', async () => {
      await withNodes(2, async (a, b) => {
        const [u1, u2, u3] = [randomUUID(), randomUUID(), randomUUID()];
        await a.connect({ userId: u1, connectionId: 'a1' }, T, T + 1000, none);
        await a.connect({ userId: u2, connectionId: 'a2' }, T, T + 1000, none);
        await b.connect({ userId: u2, connectionId: 'b2' }, T, T + 1000, none);
        await b.connect({ userId: u3, connectionId: 'b3' }, T, T + 1000, none);
        // Node b keeps beating; node a died.
        await b.refresh(
          [
            { userId: u2, connectionId: 'b2' },
            { userId: u3, connectionId: 'b3' },
          ],
          T + 5000,
          [{ userId: u3, at: T + 900 }],
        );
        const gone = [...(await b.sweep(T + 1000)), ...(await a.sweep(T + 1000))];
        expect(gone).toEqual([u1]);
        const recs = await a.get([u1, u2, u3]);
        expect(recs.get(u1)).toMatchObject({ connections: 0, lastSeenAt: T + 1000 });
        expect(recs.get(u2)).toMatchObject({ connections: 1, lastSeenAt: null });
        expect(recs.get(u3)).toMatchObject({ connections: 1, lastActiveAt: T + 900 });
        expect(await a.sweep(T + 4999)).toEqual([]);
        expect((await a.sweep(T + 5000)).sort()).toEqual([u2, u3].sort());
      });
    });

    it('restores a refreshed connection that a sweep had removed', async () => {
      await withNodes(1, async (s) => {
        const u = randomUUID();
        await s.connect({ userId: u, connectionId: 'a' }, T, T + 1000, none);
        expect(await s.sweep(T + 2000)).toEqual([u]);
        await s.refresh([{ userId: u, connectionId: 'a' }], T + 5000, []);
        expect((await s.get([u])).get(u)?.connections).toBe(1);
        expect(await s.disconnect({ userId: u, connectionId: 'a' }, T + 3000)).toBe(true);
      });
    });

    it('keeps the latest activity time', async () => {
      await withNodes(2, async (a, b) => {
        const u = randomUUID();
        await a.connect({ userId: u, connectionId: 'a' }, T, T + 1000, none);
        await a.refresh([], T + 1000, [{ userId: u, at: T + 50 }]);
        await b.refresh([], T + 1000, [{ userId: u, at: T + 20 }]);
        expect((await b.get([u])).get(u)?.lastActiveAt).toBe(T + 50);
      });
    });

    it('lets exactly one node publish each change', async () => {
      await withNodes(2, async (a, b) => {
        const u = randomUUID();
        const results = await Promise.all([a.swapPublished(u, 'ONLINE'), b.swapPublished(u, 'ONLINE')]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await a.swapPublished(u, 'ONLINE')).toBe(false);
        expect(await b.swapPublished(u, 'OFFLINE')).toBe(true);
        expect(await a.swapPublished(u, 'ONLINE')).toBe(true);
      });
    });

    it('refreshes many connections in one call', async () => {
      await withNodes(1, async (s) => {
        const users = Array.from({ length: 2500 }, () => randomUUID());
        for (const u of users) await s.connect({ userId: u, connectionId: 'c' }, T, T + 1000, none);
        await s.refresh(
          users.map((u) => ({ userId: u, connectionId: 'c' })),
          T + 9000,
          [],
        );
        expect(await s.sweep(T + 5000)).toEqual([]);
        const recs = await s.get(users);
        expect([...recs.values()].every((r) => r.connections === 1)).toBe(true);
      });
    });

    it('knows which users have a client in the foreground, and where, until it expires or leaves', async () => {
      await withNodes(2, async (a, b) => {
        const [u, v, w] = [randomUUID(), randomUUID(), randomUUID()];
        await a.setFocus(u, 'tab1', { conversationId: 'c1', expiresAt: T + 1000 });
        await b.setFocus(u, 'phone', { conversationId: null, expiresAt: T + 5000 });
        await b.setFocus(v, 'tab', { conversationId: 'c2', expiresAt: T + 1000 });
        await a.setFocus(v, 'tab', null);
        const now = await b.focused([u, v, w], T);
        expect(now.get(u)?.sort()).toEqual(['c1', null].sort());
        expect(now.has(v)).toBe(false);
        expect(now.has(w)).toBe(false);
        expect(await a.focused([u], T + 2000)).toEqual(new Map([[u, [null]]]));
        expect(await a.focused([u], T + 6000)).toEqual(new Map());
      });
    });
  });
}
