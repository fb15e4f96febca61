import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotateResult, SessionStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface SessionStoreFixture {
  store: SessionStore;
  /** Makes `id` a valid user for foreign keys (a no-op where there are none). */
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

const HOUR = 3_600_000;

/** The behaviour every {@link SessionStore} adapter must have. */
export function defineSessionStoreContract(name: string, factory: () => Promise<SessionStoreFixture>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let f: SessionStoreFixture;
    let store: SessionStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    const hash = () => randomBytes(32).toString('hex');
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);

    /** A session of a new user that expires in an hour, with its first refresh-token hash. */
    async function newSession(o: { userId?: string; expiresAt?: Date } = {}) {
      const userId = o.userId ?? randomUUID();
      if (!o.userId) await f.createUser(userId);
      const s = { id: randomUUID(), userId, expiresAt: o.expiresAt ?? at(HOUR), refreshTokenHash: hash() };
      await store.create(s);
      return { ...s, token: s.refreshTokenHash };
    }

    const failed = (reason: 'unknown' | 'reused' | 'revoked' | 'expired'): RotateResult => ({ ok: false, reason });

    describe('rotate', () => {
      it('replaces the refresh token along the chain, answering with the session and its user', async () => {
        const s = await newSession();
        const [h1, h2] = [hash(), hash()];
        const ok: RotateResult = { ok: true, sessionId: s.id, userId: s.userId };
        expect(await store.rotate(s.token, h1, now)).toEqual(ok);
        expect(await store.rotate(h1, h2, at(1000))).toEqual(ok);
        expect(await store.isActive(s.id, at(1000))).toBe(true);
      });

      it('treats a rotated token presented again as theft: the whole session is revoked', async () => {
        const s = await newSession();
        const other = await newSession({ userId: s.userId });
        const [h1, h2, stolen] = [hash(), hash(), hash()];
        await store.rotate(s.token, h1, now);
        await store.rotate(h1, h2, now);
        expect(await store.rotate(s.token, stolen, now)).toEqual(failed('reused'));
        expect(await store.isActive(s.id, now)).toBe(false);
        // The newest token of the chain is dead too, and the thief's hash was never stored.
        expect(await store.rotate(h2, hash(), now)).toEqual(failed('revoked'));
        expect(await store.rotate(stolen, hash(), now)).toEqual(failed('unknown'));
        // The user's other sessions are untouched.
        expect(await store.isActive(other.id, now)).toBe(true);
        expect((await store.rotate(other.token, hash(), now)).ok).toBe(true);
      });

      it('within the grace window, answers a token presented again with its unused successor as a lost answer', async () => {
        const s = await newSession();
        const [h1, h2] = [hash(), hash()];
        const ok: RotateResult = { ok: true, sessionId: s.id, userId: s.userId };
        await store.rotate(s.token, h1, now, 30_000);
        expect(await store.rotate(s.token, h1, at(10_000), 30_000)).toEqual(ok);
        expect(await store.rotate(s.token, h1, at(30_000), 30_000)).toEqual(ok);
        // The successor is used: presenting the old token again is reuse, even within the window.
        expect(await store.rotate(h1, h2, at(30_000))).toEqual(ok);
        expect(await store.rotate(s.token, h1, at(30_000), 30_000)).toEqual(failed('reused'));
        expect(await store.isActive(s.id, now)).toBe(false);
      });

      it('treats a token presented again after the grace window, or with another successor, as theft', async () => {
        const late = await newSession();
        const h1 = hash();
        await store.rotate(late.token, h1, now, 30_000);
        expect(await store.rotate(late.token, h1, at(30_001), 30_000)).toEqual(failed('reused'));
        expect(await store.isActive(late.id, now)).toBe(false);
        const other = await newSession();
        await store.rotate(other.token, hash(), now, 30_000);
        expect(await store.rotate(other.token, hash(), at(1000), 30_000)).toEqual(failed('reused'));
        expect(await store.isActive(other.id, now)).toBe(false);
      });

      it('refuses an expired session without using the token up', async () => {
        const s = await newSession({ expiresAt: at(HOUR) });
        const h1 = hash();
        expect(await store.rotate(s.token, h1, at(HOUR))).toEqual(failed('expired'));
        expect(await store.rotate(s.token, h1, at(HOUR + 1))).toEqual(failed('expired'));
        expect(await store.rotate(h1, hash(), at(HOUR + 1))).toEqual(failed('unknown'));
        // Still the current token: a clock before the expiry rotates it.
        expect((await store.rotate(s.token, h1, at(HOUR - 1))).ok).toBe(true);
      });

      it('reports reuse of a rotated token of an expired session, and revokes it', async () => {
        const s = await newSession({ expiresAt: at(HOUR) });
        await store.rotate(s.token, hash(), now);
        expect(await store.rotate(s.token, hash(), at(2 * HOUR))).toEqual(failed('reused'));
        expect(await store.isActive(s.id, now)).toBe(false);
      });

      it('refuses every token of a revoked session, rotated ones included', async () => {
        const s = await newSession();
        const h1 = hash();
        await store.rotate(s.token, h1, now);
        await store.revoke(s.id);
        expect(await store.rotate(h1, hash(), now)).toEqual(failed('revoked'));
        expect(await store.rotate(s.token, hash(), now)).toEqual(failed('revoked'));
      });

      it('answers unknown for a token it never issued', async () => {
        expect(await store.rotate(hash(), hash(), now)).toEqual(failed('unknown'));
      });

      it('lets exactly one of two concurrent rotations of one token win; the other counts as reuse', async () => {
        const s = await newSession();
        const [h1, h2] = [hash(), hash()];
        // Pooled adapters open connections on demand: warm them, so the two rotations really overlap.
        await Promise.all(Array.from({ length: 4 }, () => store.isActive(s.id, now)));
        const [r1, r2] = await Promise.all([store.rotate(s.token, h1, now), store.rotate(s.token, h2, now)]);
        const ok: RotateResult = { ok: true, sessionId: s.id, userId: s.userId };
        expect([r1, r2]).toContainEqual(ok);
        expect([r1, r2]).toContainEqual(failed('reused'));
        // Reuse revoked the session, so the winner's token is refused as well.
        expect(await store.rotate(r1.ok ? h1 : h2, hash(), now)).toEqual(failed('revoked'));
      });

      it('lets exactly one of many concurrent rotations win', async () => {
        const s = await newSession();
        const results = await Promise.all(Array.from({ length: 8 }, () => store.rotate(s.token, hash(), now)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        // The first loser revokes the session as a reuse; the ones after it find it revoked.
        const reasons = results.flatMap((r) => (r.ok ? [] : [r.reason]));
        expect(reasons).toContain('reused');
        expect(reasons.filter((r) => r !== 'reused' && r !== 'revoked')).toEqual([]);
      });
    });

    describe('isActive and revoke', () => {
      it('is active until it expires', async () => {
        const s = await newSession({ expiresAt: at(HOUR) });
        expect(await store.isActive(s.id, now)).toBe(true);
        expect(await store.isActive(s.id, at(HOUR - 1))).toBe(true);
        expect(await store.isActive(s.id, at(HOUR))).toBe(false);
        expect(await store.isActive(s.id, at(HOUR + 1))).toBe(false);
      });

      it('is inactive once revoked; revoking again or an unknown session is harmless', async () => {
        const s = await newSession();
        const other = await newSession({ userId: s.userId });
        await store.revoke(s.id);
        expect(await store.isActive(s.id, now)).toBe(false);
        await store.revoke(s.id);
        await store.revoke(randomUUID());
        expect(await store.isActive(s.id, now)).toBe(false);
        expect(await store.isActive(other.id, now)).toBe(true);
      });

      it('revokes every session of one user at once, and nobody else’s', async () => {
        const a = await newSession();
        const b = await newSession({ userId: a.userId });
        const other = await newSession();
        expect(await store.revokeAllOf(a.userId)).toBe(2);
        expect(await store.revokeAllOf(a.userId)).toBe(0);
        expect([await store.isActive(a.id, now), await store.isActive(b.id, now)]).toEqual([false, false]);
        expect(await store.isActive(other.id, now)).toBe(true);
      });

      it('is inactive for an unknown session', async () => {
        expect(await store.isActive(randomUUID(), now)).toBe(false);
      });
    });
  });
}
