import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@parley/core';
import { UsernameTakenError, type UserStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface UserStoreFixture {
  store: UserStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every {@link UserStore} adapter must have. Tests share one store, so each one makes
 * its users under a fresh random tag.
 */
export function defineUserStoreContract(name: string, factory: () => Promise<UserStoreFixture>): void {
  describe(`UserStore contract: ${name}`, () => {
    let f: UserStoreFixture;
    let store: UserStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    /** A lower-case tag no other test's usernames start with. */
    const tag = () => `t${randomBytes(5).toString('hex')}`;

    const create = (username: string, displayName = username) =>
      store.create({ id: randomUUID(), username, displayName, passwordHash: `hash-of-${username}` });

    const names = (users: User[]) => users.map((u) => u.username);

    describe('create and find', () => {
      it('stores a user without an avatar and finds it by id and by username in any letter case', async () => {
        const username = `${tag()}_Ana`;
        const id = randomUUID();
        const before = Date.now();
        const user = await store.create({ id, username, displayName: 'Ana Lima', passwordHash: 'h1' });
        expect(user).toEqual({ id, username, displayName: 'Ana Lima', avatarUrl: null, createdAt: expect.any(Date) });
        expect(user).not.toHaveProperty('passwordHash');
        expect(Math.abs(user.createdAt.getTime() - before)).toBeLessThan(60_000);
        expect(await store.findByIds([id])).toEqual([user]);
        expect(await store.findByUsername(username)).toEqual({ ...user, passwordHash: 'h1' });
        expect(await store.findByUsername(username.toUpperCase())).toEqual({ ...user, passwordHash: 'h1' });
        expect(await store.findByUsername(username.toLowerCase())).toEqual({ ...user, passwordHash: 'h1' });
        expect(await store.findByUsername(`${username}x`)).toBeNull();
      });

      it('refuses a username that exists in another letter case, and keeps the first user', async () => {
        const username = `${tag()}_bob`;
        const first = await create(username, 'First');
        const id = randomUUID();
        for (const taken of [username, username.toUpperCase(), `${username.slice(0, -3)}BoB`]) {
          await expect(
            store.create({ id, username: taken, displayName: 'Second', passwordHash: 'h2' }),
          ).rejects.toBeInstanceOf(UsernameTakenError);
        }
        expect(await store.findByIds([id])).toEqual([]);
        expect(await store.findByUsername(username.toUpperCase())).toEqual({
          ...first,
          passwordHash: `hash-of-${username}`,
        });
      });

      it('finds users by ids in any order, each once, leaving unknown ids out', async () => {
        const t = tag();
        const a = await create(`${t}_a`);
        const b = await create(`${t}_b`);
        const found = await store.findByIds([b.id, randomUUID(), a.id, b.id]);
        expect(found.sort((x, y) => x.username.localeCompare(y.username))).toEqual([a, b]);
        expect(await store.findByIds([randomUUID()])).toEqual([]);
        expect(await store.findByIds([])).toEqual([]);
      });
    });

    describe('search', () => {
      it('finds users by username or display name prefix in any letter case, ordered by username', async () => {
        const t = tag();
        const carol = await create(`${t}_carol`, 'Zed');
        const alice = await create(`${t}_alice`, 'Xavier');
        const byDisplayName = await create(`a${tag()}`, `${t.toUpperCase()} Display`);
        const ben = await create(`${t}_ben`, 'Ben');
        await create(`b${tag()}`, `x${t}`); // the tag is not at the start of the display name
        const expected = [byDisplayName, alice, ben, carol];
        expect(names(await store.search(t, 10))).toEqual(names(expected));
        expect(await store.search(t, 10)).toEqual(expected);
        expect(names(await store.search(t.toUpperCase(), 10))).toEqual(names(expected));
        expect(names(await store.search(`${t}_B`, 10))).toEqual([ben.username]);
        expect(names(await store.search(`${t} disp`, 10))).toEqual([byDisplayName.username]);
        expect(await store.search(`${t}_nobody`, 10)).toEqual([]);
      });

      it('returns at most limit users, the first by username', async () => {
        const t = tag();
        for (const n of ['d', 'b', 'e', 'a', 'c']) await create(`${t}_${n}`);
        expect(names(await store.search(t, 3))).toEqual([`${t}_a`, `${t}_b`, `${t}_c`]);
        expect(names(await store.search(t, 1))).toEqual([`${t}_a`]);
        expect(await store.search(t, 0)).toEqual([]);
      });

      it('takes % and _ in the prefix literally', async () => {
        const t = tag();
        const underscore = await create(`${t}_x`);
        await create(`${t}ax`);
        await create(`${t}.x`, `${t}%x`);
        expect(names(await store.search(`${t}_`, 10))).toEqual([underscore.username]);
        expect(names(await store.search(`${t}%`, 10))).toEqual([`${t}.x`]);
      });
    });

    describe('updateProfile', () => {
      it('applies only the given fields and returns the updated user', async () => {
        const username = `${tag()}_eve`;
        const eve = await create(username, 'Eve');
        const url = 'https://example.com/eve.png';
        expect(await store.updateProfile(eve.id, { avatarUrl: url })).toEqual({ ...eve, avatarUrl: url });
        expect(await store.updateProfile(eve.id, { displayName: 'Eve A.' })).toEqual({
          ...eve,
          displayName: 'Eve A.',
          avatarUrl: url,
        });
        expect(await store.updateProfile(eve.id, {})).toEqual({ ...eve, displayName: 'Eve A.', avatarUrl: url });
        const cleared = { ...eve, displayName: 'Eve B.', avatarUrl: null };
        expect(await store.updateProfile(eve.id, { displayName: 'Eve B.', avatarUrl: null })).toEqual(cleared);
        expect(await store.findByIds([eve.id])).toEqual([cleared]);
        expect(await store.findByUsername(username)).toEqual({ ...cleared, passwordHash: `hash-of-${username}` });
      });

      it('makes the new display name searchable', async () => {
        const t = tag();
        const user = await create(`b${tag()}`, 'Before');
        expect(await store.search(t, 10)).toEqual([]);
        await store.updateProfile(user.id, { displayName: `${t} After` });
        expect(names(await store.search(t, 10))).toEqual([user.username]);
      });

      it('returns null for an unknown user and creates nobody', async () => {
        const id = randomUUID();
        expect(await store.updateProfile(id, { displayName: 'Ghost', avatarUrl: null })).toBeNull();
        expect(await store.findByIds([id])).toEqual([]);
      });
    });

    it('anonymizes a deleted account: new username, no display name, avatar or usable password; the id stays', async () => {
      const user = await store.create({
        id: randomUUID(),
        username: `gone_${randomUUID().slice(0, 8)}`,
        displayName: 'Gone',
        passwordHash: 'h',
      });
      await store.updateProfile(user.id, { avatarUrl: 'https://example.com/a.png' });
      const username = `deleted_${user.id.slice(0, 8)}`;
      await store.anonymize(user.id, username);
      expect(await store.findByIds([user.id])).toEqual([
        expect.objectContaining({ id: user.id, username, displayName: 'Deleted user', avatarUrl: null }),
      ]);
      expect(await store.findByUsername(user.username)).toBeNull();
      expect((await store.findByUsername(username))?.passwordHash).toBe('!');
    });
  });
}
