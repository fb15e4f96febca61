import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDomain, type TestDomain } from '../../test/test-domain';

/**
 * Members are ordered by join time; ties go by user id, which is random. Tests of that order fake the
 * clock and move it on a second between joins, instead of sleeping a few ms and hoping it ticked.
 */
const fakeClock = () => vi.useFakeTimers({ toFake: ['Date'] });
const aSecondLater = () => vi.advanceTimersByTime(1000);

describe('conversation service', () => {
  let d: TestDomain;
  beforeEach(() => {
    d = createTestDomain();
  });
  afterEach(async () => {
    await d.dispose();
    vi.useRealTimers();
  });

  const role = async (conversationId: string, userId: string) =>
    (await d.store.getMemberships([{ conversationId, userId }]))[0]?.role ?? null;
  const types = async (conversationId: string) => (await d.storedEvents(conversationId)).map((e) => [e.seq, e.type]);

  describe('openDirect', () => {
    it('is idempotent per pair, in either direction and concurrently', async () => {
      const [a, b] = [await d.user('a'), await d.user('b')];
      const all = await Promise.all([
        d.conversations.openDirect(a, b),
        d.conversations.openDirect(b, a),
        d.conversations.openDirect(a, b),
      ]);
      expect(new Set(all.map((c) => c.id)).size).toBe(1);
      const again = await d.conversations.openDirect(b, a);
      expect(again.id).toBe(all[0]!.id);
      expect(again).toMatchObject({ kind: 'DIRECT', memberCount: 2 });
      expect(await d.store.conversationIdsOf(a)).toEqual([again.id]);
    });

    it('refuses yourself and unknown users', async () => {
      const a = await d.user('a');
      await expect(d.conversations.openDirect(a, a)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { userId: expect.any(String) },
      });
      await expect(d.conversations.openDirect(a, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await d.store.conversationIdsOf(a)).toEqual([]);
    });
  });

  describe('createGroup', () => {
    it('makes the creator OWNER, others MEMBER, with a SYSTEM message at seq 1', async () => {
      const [a, b, c] = [await d.user('a'), await d.user('b'), await d.user('c')];
      const g = await d.conversations.createGroup(a, {
        title: '  Team  ',
        description: 'About',
        memberIds: [b, c, b, a],
      });
      expect(g).toMatchObject({ kind: 'GROUP', title: 'Team', description: 'About', memberCount: 3, lastSeq: 1 });
      expect([await role(g.id, a), await role(g.id, b), await role(g.id, c)]).toEqual(['OWNER', 'MEMBER', 'MEMBER']);
      const [e] = await d.storedEvents(g.id);
      expect(e).toMatchObject({ seq: 1, type: 'MessageAdded', message: { kind: 'SYSTEM', senderId: null } });
    });

    it('checks the title is 1 to 100 characters and members exist', async () => {
      const a = await d.user('a');
      const bad = (title: string) =>
        expect(d.conversations.createGroup(a, { title, memberIds: [] })).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { title: expect.any(String) },
        });
      await bad('');
      await bad('   ');
      await bad('x'.repeat(101));
      await bad('line\nbreak');
      expect((await d.conversations.createGroup(a, { title: 'x'.repeat(100), memberIds: [] })).title).toHaveLength(100);
      expect((await d.conversations.createGroup(a, { title: '🎉'.repeat(100), memberIds: [] })).title).toHaveLength(
        200,
      );
      await expect(d.conversations.createGroup(a, { title: 'T', memberIds: [randomUUID()] })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { memberIds: expect.any(String) },
      });
      await expect(d.conversations.createGroup(a, { title: 'T', memberIds: ['not-an-id'] })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { memberIds: expect.any(String) },
      });
      expect(await d.store.conversationIdsOf(a)).toHaveLength(2);
    });
  });

  describe('membership', () => {
    async function setup() {
      const [owner, admin, m1, m2] = [
        await d.user('owner'),
        await d.user('admin'),
        await d.user('m1'),
        await d.user('m2'),
      ];
      const g = await d.conversations.createGroup(owner, { title: 'G', memberIds: [admin, m1] });
      await d.conversations.setRole(owner, g.id, admin, 'ADMIN');
      return { g, owner, admin, m1, m2 };
    }

    it('lets owners and admins add members, each join an event plus a SYSTEM message', async () => {
      const { g, admin, m1, m2 } = await setup();
      const x = await d.user('x');
      await expect(d.conversations.addMembers(m1, g.id, [m2])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const updated = await d.conversations.addMembers(admin, g.id, [m2, x, m1]);
      expect(updated).toMatchObject({ memberCount: 5, lastSeq: 5 });
      expect(await types(g.id)).toEqual([
        [1, 'MessageAdded'],
        [2, 'MemberUpdated'],
        [3, 'MemberJoined'],
        [4, 'MemberJoined'],
        [5, 'MessageAdded'],
      ]);
      const joined = (await d.storedEvents(g.id))[2];
      expect(joined).toMatchObject({ member: { userId: m2, joinedSeq: 3, role: 'MEMBER' } });
      // Adding existing members changes nothing.
      expect((await d.conversations.addMembers(admin, g.id, [m1])).lastSeq).toBe(5);
      const outsider = await d.user('out');
      await expect(d.conversations.addMembers(outsider, g.id, [outsider])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lets only owners and admins remove, and never an admin remove an owner', async () => {
      const { g, owner, admin, m1 } = await setup();
      await expect(d.conversations.removeMember(m1, g.id, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(d.conversations.removeMember(admin, g.id, owner)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await role(g.id, owner)).toBe('OWNER');
      const lastSeq = (await d.store.getConversations([g.id]))[0]!.lastSeq;
      const after = await d.conversations.removeMember(admin, g.id, m1);
      expect(after).toMatchObject({ memberCount: 2, lastSeq: lastSeq + 2 });
      expect((await types(g.id)).slice(-2)).toEqual([
        [lastSeq + 1, 'MemberLeft'],
        [lastSeq + 2, 'MessageAdded'],
      ]);
      await d.conversations.removeMember(owner, g.id, admin);
      expect(await role(g.id, admin)).toBeNull();
    });

    it('hands ownership to the oldest admin when the last owner leaves', async () => {
      fakeClock();
      const [owner, early] = [await d.user('owner'), await d.user('early')];
      const g = await d.conversations.createGroup(owner, { title: 'G', memberIds: [early] });
      aSecondLater();
      const older = await d.user('older');
      await d.conversations.addMembers(owner, g.id, [older]);
      aSecondLater();
      const newer = await d.user('newer');
      await d.conversations.addMembers(owner, g.id, [newer]);
      // Promotion order does not matter; join order does.
      await d.conversations.setRole(owner, g.id, newer, 'ADMIN');
      await d.conversations.setRole(owner, g.id, older, 'ADMIN');
      const before = (await d.store.getConversations([g.id]))[0]!.lastSeq;
      expect(await d.conversations.leave(owner, g.id)).toBe(true);
      expect(await role(g.id, older)).toBe('OWNER');
      expect(await role(g.id, newer)).toBe('ADMIN');
      expect(await role(g.id, early)).toBe('MEMBER');
      expect(await role(g.id, owner)).toBeNull();
      expect((await types(g.id)).slice(-3)).toEqual([
        [before + 1, 'MemberUpdated'],
        [before + 2, 'MemberLeft'],
        [before + 3, 'MessageAdded'],
      ]);
    });

    it('hands ownership to the oldest member when there is no admin', async () => {
      fakeClock();
      const owner = await d.user('owner');
      const first = await d.user('first');
      const g = await d.conversations.createGroup(owner, { title: 'G', memberIds: [first] });
      aSecondLater();
      const later = await d.user('later');
      await d.conversations.addMembers(owner, g.id, [later]);
      await d.conversations.leave(owner, g.id);
      expect(await role(g.id, first)).toBe('OWNER');
      expect(await role(g.id, later)).toBe('MEMBER');
      // A member leaving hands nothing over.
      await d.conversations.leave(later, g.id);
      expect((await d.store.getConversations([g.id]))[0]!.memberCount).toBe(1);
    });

    it('records a title change as an event with its own seq and a SYSTEM message', async () => {
      const { g, owner, m1 } = await setup();
      await expect(d.conversations.update(m1, { conversationId: g.id, title: 'Nope' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const updated = await d.conversations.update(owner, { conversationId: g.id, title: 'Renamed' });
      expect(updated.title).toBe('Renamed');
      const events = await d.storedEvents(g.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.slice(-2)).toMatchObject([
        { type: 'ConversationUpdated', conversation: { title: 'Renamed' } },
        { type: 'MessageAdded', message: { kind: 'SYSTEM' } },
      ]);
    });
  });

  describe('markRead and listing', () => {
    it('never moves the read marker back and refuses seqs past lastSeq', async () => {
      const [a, b] = [await d.user('a'), await d.user('b')];
      const g = await d.conversations.createGroup(a, { title: 'G', memberIds: [b] });
      for (let i = 0; i < 3; i++)
        await d.messages.send(a, { conversationId: g.id, clientMessageId: `m${i}`, text: 'hi' });
      expect(await d.receipts.markRead(b, g.id, 3)).toMatchObject({ lastReadSeq: 3 });
      expect(await d.receipts.markRead(b, g.id, 1)).toMatchObject({ lastReadSeq: 3 });
      expect((await d.store.unreadCounts(b, [g.id])).get(g.id)?.messages).toBe(1);
      await expect(d.receipts.markRead(b, g.id, 5)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { seq: expect.any(String) },
      });
      await expect(d.receipts.markRead(b, g.id, -1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      const outsider = await d.user('out');
      await expect(d.receipts.markRead(outsider, g.id, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists conversations and refuses a malformed cursor as bad input', async () => {
      const a = await d.user('a');
      for (let i = 0; i < 3; i++) await d.conversations.createGroup(a, { title: `G${i}`, memberIds: [] });
      const page = await d.conversations.list(a, 2, null);
      expect(page.conversations).toHaveLength(2);
      expect((await d.conversations.list(a, 2, page.nextCursor)).conversations).toHaveLength(1);
      await expect(d.conversations.list(a, 2, 'garbage')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { after: expect.any(String) },
      });
      await expect(d.conversations.list(a, 0, null)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
});
