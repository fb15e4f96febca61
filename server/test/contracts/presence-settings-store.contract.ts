import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore, PresenceSettings, PresenceSettingsStore, UserStore } from '@parley/core';

/**
 * What each adapter's test hands the contract: the store with the user and conversation stores of the
 * same adapter family, since settings belong to users and contacts are people who share a conversation.
 */
export interface PresenceSettingsStoreFixture {
  store: PresenceSettingsStore;
  users: UserStore;
  conversations: ConversationStore;
  dispose(): Promise<void>;
}

const DEFAULTS: PresenceSettings = {
  chosenStatus: null,
  statusText: null,
  presenceVisibility: 'EVERYONE',
  lastSeenVisibility: 'EVERYONE',
  lastSeenAt: null,
  readReceipts: true,
};

/** The behaviour every {@link PresenceSettingsStore} adapter must have. */
export function definePresenceSettingsStoreContract(
  name: string,
  factory: () => Promise<PresenceSettingsStoreFixture>,
): void {
  describe(`PresenceSettingsStore contract: ${name}`, () => {
    let f: PresenceSettingsStoreFixture;
    let store: PresenceSettingsStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    async function user(id = randomUUID()): Promise<string> {
      await f.users.create({ id, username: `u_${id}`, displayName: id.slice(0, 8), passwordHash: 'x' });
      return id;
    }
    const users = (n: number) => Promise.all(Array.from({ length: n }, () => user()));

    /** A group conversation of `userIds`, the first one its owner. */
    async function conversation(userIds: string[]): Promise<string> {
      const id = randomUUID();
      await f.conversations.create(
        { id, kind: 'GROUP', title: 'Group', description: null, createdAt: new Date().toISOString(), directKey: null },
        userIds.map((userId, i) => ({ userId, role: i === 0 ? 'OWNER' : 'MEMBER' })),
        async () => undefined,
      );
      return id;
    }

    const leave = (conversationId: string, userId: string) =>
      f.conversations.write(conversationId, (tx) => tx.deleteMember(userId));

    const settingsOf = async (userId: string) => (await store.get([userId])).get(userId);

    describe('get', () => {
      it("answers a new user's defaults and leaves unknown ids out", async () => {
        const [a, b] = await users(2);
        const got = await store.get([a!, randomUUID(), b!, a!]);
        expect(got).toEqual(
          new Map([
            [a, DEFAULTS],
            [b, DEFAULTS],
          ]),
        );
        expect(await store.get([randomUUID()])).toEqual(new Map());
        expect(await store.get([])).toEqual(new Map());
      });
    });

    describe('writes', () => {
      it('sets and clears the chosen status of one user only', async () => {
        const [a, b] = await users(2);
        await store.setChosenStatus(a!, 'BUSY', 'In a meeting');
        expect(await settingsOf(a!)).toEqual({ ...DEFAULTS, chosenStatus: 'BUSY', statusText: 'In a meeting' });
        expect(await settingsOf(b!)).toEqual(DEFAULTS);
        await store.setChosenStatus(a!, 'INVISIBLE', null);
        expect(await settingsOf(a!)).toEqual({ ...DEFAULTS, chosenStatus: 'INVISIBLE' });
        await store.setChosenStatus(a!, null, null);
        expect(await settingsOf(a!)).toEqual(DEFAULTS);
      });

      it('sets privacy and returns all settings, keeping the status; null for an unknown user', async () => {
        const [a] = await users(1);
        await store.setChosenStatus(a!, 'AWAY', 'Lunch');
        const expected = {
          ...DEFAULTS,
          chosenStatus: 'AWAY',
          statusText: 'Lunch',
          presenceVisibility: 'CONTACTS',
          lastSeenVisibility: 'NOBODY',
        };
        expect(await store.setPrivacy(a!, 'CONTACTS', 'NOBODY')).toEqual(expected);
        expect(await settingsOf(a!)).toEqual(expected);
        expect(await store.setPrivacy(randomUUID(), 'NOBODY', 'NOBODY')).toBeNull();
      });

      it('moves lastSeenAt forward only', async () => {
        const [a, b] = await users(2);
        const t = Date.now();
        await store.setLastSeen(a!, new Date(t));
        expect((await settingsOf(a!))?.lastSeenAt).toEqual(new Date(t));
        await store.setLastSeen(a!, new Date(t - 60_000));
        expect((await settingsOf(a!))?.lastSeenAt).toEqual(new Date(t));
        await store.setLastSeen(a!, new Date(t + 1));
        expect((await settingsOf(a!))?.lastSeenAt).toEqual(new Date(t + 1));
        expect(await settingsOf(b!)).toEqual(DEFAULTS);
      });

      it('keeps nothing written for a user that does not exist', async () => {
        const id = randomUUID();
        await store.setChosenStatus(id, 'BUSY', 'Ghost');
        await store.setLastSeen(id, new Date());
        await store.setPrivacy(id, 'NOBODY', 'NOBODY');
        expect(await store.get([id])).toEqual(new Map());
        // A user made later with that id starts from the defaults.
        await user(id);
        expect(await settingsOf(id)).toEqual(DEFAULTS);
      });
    });

    describe('contactsAmong', () => {
      it('answers which users share at least one conversation with the viewer', async () => {
        const [viewer, inGroup, inPair, onlyWithOther, stranger] = await users(5);
        await conversation([viewer!, inGroup!, stranger!]);
        await leave((await f.conversations.conversationIdsOf(stranger!))[0]!, stranger!);
        await conversation([inPair!, viewer!]);
        await conversation([inGroup!, onlyWithOther!]);
        const asked = [inGroup!, inPair!, onlyWithOther!, stranger!, viewer!, randomUUID()];
        expect(await store.contactsAmong(viewer!, asked)).toEqual(new Set([inGroup, inPair]));
        expect(await store.contactsAmong(inPair!, [viewer!, inGroup!])).toEqual(new Set([viewer]));
        expect(await store.contactsAmong(onlyWithOther!, [viewer!, inGroup!])).toEqual(new Set([inGroup]));
      });

      it('counts a contact once for several shared conversations, and until the last is left', async () => {
        const [viewer, friend] = await users(2);
        const first = await conversation([viewer!, friend!]);
        const second = await conversation([friend!, viewer!]);
        expect(await store.contactsAmong(viewer!, [friend!, friend!])).toEqual(new Set([friend]));
        await leave(first, friend!);
        expect(await store.contactsAmong(viewer!, [friend!])).toEqual(new Set([friend]));
        await leave(second, viewer!);
        expect(await store.contactsAmong(viewer!, [friend!])).toEqual(new Set());
        expect(await store.contactsAmong(friend!, [viewer!])).toEqual(new Set());
      });

      it('is empty for a viewer without conversations, an unknown viewer or no users asked', async () => {
        const [loner, a, b] = await users(3);
        await conversation([a!, b!]);
        expect(await store.contactsAmong(loner!, [a!, b!])).toEqual(new Set());
        expect(await store.contactsAmong(randomUUID(), [a!, b!])).toEqual(new Set());
        expect(await store.contactsAmong(a!, [])).toEqual(new Set());
      });
    });
  });
}
