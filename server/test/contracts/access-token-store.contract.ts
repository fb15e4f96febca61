import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessTokenRecord, AccessTokenStore, SessionStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface AccessTokenStoreFixture {
  store: AccessTokenStore;
  /** The session store of the same adapter, whose sessions `activeCredentialIds` also answers for. */
  sessions: SessionStore;
  /** Makes `id` a valid user for foreign keys (a no-op where there are none). */
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

const DAY = 86_400_000;

/** The behaviour every {@link AccessTokenStore} adapter must have. */
export function defineAccessTokenStoreContract(name: string, factory: () => Promise<AccessTokenStoreFixture>): void {
  describe(`AccessTokenStore contract: ${name}`, () => {
    let f: AccessTokenStoreFixture;
    let store: AccessTokenStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    const hash = () => randomBytes(32).toString('hex');
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);

    async function user(): Promise<string> {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    }

    /** A token of `userId` that expires in 30 days, with its secret's hash. */
    async function token(userId: string, o: { name?: string; expiresAt?: Date } = {}) {
      const tokenHash = hash();
      const record = await store.create({
        id: randomUUID(),
        userId,
        name: o.name ?? 'script',
        tokenHash,
        expiresAt: o.expiresAt ?? at(30 * DAY),
      });
      return { record, tokenHash };
    }

    const ids = (records: AccessTokenRecord[]) => records.map((r) => r.id);

    describe('create and listByUser', () => {
      it('returns the record without its secret, unused and not revoked', async () => {
        const u = await user();
        const id = randomUUID();
        const expiresAt = at(7 * DAY);
        const before = Date.now();
        const record = await store.create({ id, userId: u, name: 'deploy bot', tokenHash: hash(), expiresAt });
        expect(record).toEqual({
          id,
          userId: u,
          name: 'deploy bot',
          createdAt: expect.any(Date),
          expiresAt,
          lastUsedAt: null,
          revokedAt: null,
        });
        expect(Math.abs(record.createdAt.getTime() - before)).toBeLessThan(60_000);
        expect(await store.listByUser(u)).toEqual([record]);
      });

      it("lists only the user's tokens, newest first, revoked and expired ones included", async () => {
        const [u, other] = [await user(), await user()];
        const first = await token(u, { name: 'first' });
        const expired = await token(u, { name: 'expired', expiresAt: at(-DAY) });
        await token(other);
        const revoked = await token(u, { name: 'revoked' });
        const last = await token(u, { name: 'last' });
        await store.revoke(u, revoked.record.id, now);
        const listed = await store.listByUser(u);
        expect(new Set(ids(listed))).toEqual(new Set(ids([last.record, revoked.record, expired.record, first.record])));
        // Newest first; tokens made within one clock tick (a millisecond on PGlite) may come in either order.
        const times = listed.map((r) => r.createdAt.getTime());
        expect(times).toEqual([...times].sort((x, y) => y - x));
        expect(listed.find((r) => r.name === 'revoked')).toMatchObject({ revokedAt: now });
        expect(await store.listByUser(randomUUID())).toEqual([]);
      });
    });

    describe('revoke', () => {
      it('revokes once and keeps the first revocation time when revoked again', async () => {
        const u = await user();
        const { record, tokenHash } = await token(u);
        expect(await store.revoke(u, record.id, now)).toBe(true);
        expect(await store.revoke(u, record.id, at(1000))).toBe(true);
        expect(await store.listByUser(u)).toEqual([{ ...record, revokedAt: now }]);
        expect(await store.use(tokenHash, now)).toBeNull();
      });

      it('revokes every token of one user at once, and nobody else’s', async () => {
        const [u, v] = [await user(), await user()];
        const a = await token(u);
        const b = await token(u);
        const other = await token(v);
        expect(await store.revokeAllOf(u, now)).toBe(2);
        expect(await store.revokeAllOf(u, now)).toBe(0);
        expect(await store.use(a.tokenHash, now)).toBeNull();
        expect(await store.use(b.tokenHash, now)).toBeNull();
        expect(await store.use(other.tokenHash, now)).toEqual({ id: other.record.id, userId: v });
      });

      it("refuses another user's token and an unknown one", async () => {
        const [owner, other] = [await user(), await user()];
        const { record, tokenHash } = await token(owner);
        expect(await store.revoke(other, record.id, now)).toBe(false);
        expect(await store.revoke(owner, randomUUID(), now)).toBe(false);
        expect((await store.listByUser(owner))[0]?.revokedAt).toBeNull();
        expect(await store.use(tokenHash, now)).toEqual({ id: record.id, userId: owner });
      });
    });

    describe('use', () => {
      it('answers with the owner of an active token and stamps its last use', async () => {
        const u = await user();
        const { record, tokenHash } = await token(u);
        const other = await token(u);
        expect(await store.use(tokenHash, at(1000))).toEqual({ id: record.id, userId: u });
        expect(await store.use(tokenHash, at(2000))).toEqual({ id: record.id, userId: u });
        const listed = await store.listByUser(u);
        expect(listed.find((r) => r.id === record.id)?.lastUsedAt).toEqual(at(2000));
        expect(listed.find((r) => r.id === other.record.id)?.lastUsedAt).toBeNull();
      });

      it('refuses a revoked, an expired and an unknown token without stamping them', async () => {
        const u = await user();
        const revoked = await token(u);
        await store.revoke(u, revoked.record.id, now);
        const expiring = await token(u, { expiresAt: at(DAY) });
        expect(await store.use(revoked.tokenHash, now)).toBeNull();
        expect(await store.use(expiring.tokenHash, at(DAY))).toBeNull();
        expect(await store.use(expiring.tokenHash, at(DAY + 1))).toBeNull();
        expect(await store.use(hash(), now)).toBeNull();
        expect((await store.listByUser(u)).map((r) => r.lastUsedAt)).toEqual([null, null]);
        // Before its expiry the same token still works.
        expect(await store.use(expiring.tokenHash, at(DAY - 1))).toEqual({ id: expiring.record.id, userId: u });
      });
    });

    describe('activeCredentialIds', () => {
      it('picks the live sessions and access tokens out of one list of ids', async () => {
        const u = await user();
        const session = (expiresAt: Date) => {
          const s = { id: randomUUID(), userId: u, expiresAt, refreshTokenHash: hash() };
          return f.sessions.create(s).then(() => s.id);
        };
        const liveSession = await session(at(DAY));
        const revokedSession = await session(at(DAY));
        await f.sessions.revoke(revokedSession);
        const expiredSession = await session(at(-1));
        const liveToken = (await token(u)).record.id;
        const revokedToken = (await token(u)).record.id;
        await store.revoke(u, revokedToken, now);
        const expiredToken = (await token(u, { expiresAt: now })).record.id;
        const all = [liveSession, revokedSession, expiredSession, liveToken, revokedToken, expiredToken, randomUUID()];
        expect(await store.activeCredentialIds(all, now)).toEqual(new Set([liveSession, liveToken]));
        expect(await store.activeCredentialIds([liveToken, liveToken], now)).toEqual(new Set([liveToken]));
        expect(await store.activeCredentialIds(all, at(30 * DAY))).toEqual(new Set());
        expect(await store.activeCredentialIds([], now)).toEqual(new Set());
      });

      it('keeps a session active across refresh-token rotation', async () => {
        const u = await user();
        const s = { id: randomUUID(), userId: u, expiresAt: at(DAY), refreshTokenHash: hash() };
        await f.sessions.create(s);
        expect((await f.sessions.rotate(s.refreshTokenHash, hash(), now)).ok).toBe(true);
        expect(await store.activeCredentialIds([s.id], now)).toEqual(new Set([s.id]));
      });
    });
  });
}
