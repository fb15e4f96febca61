import { describe, expect, it } from 'vitest';
import { codeOf } from '../../support/client';
import { type MessagingSuite, nextMs } from './fixture';

/** Direct and group conversations: creating them, listing them and paging their members. */
export function conversationTests(suite: MessagingSuite): void {
  const { call, ok, users, openDirect, createGroup, send, conv, allMessages } = suite;

  describe('conversations', () => {
    it('openDirectConversation is idempotent per pair, also under concurrent calls from both sides', async () => {
      const [a, b] = await users(2);
      const [x, y, z] = await Promise.all([openDirect(a!, b!.id), openDirect(b!, a!.id), openDirect(a!, b!.id)]);
      expect(x.kind).toBe('DIRECT');
      expect(x.memberCount).toBe(2);
      expect(y.id).toBe(x.id);
      expect(z.id).toBe(x.id);
      expect((await openDirect(b!, a!.id)).id).toBe(x.id);
      const list = await ok<any>(call(a, `{ conversations { conversations { id } } }`), 'conversations');
      expect(list.conversations.map((c: any) => c.id)).toEqual([x.id]);
    });

    it('refuses a direct conversation with yourself or an unknown user', async () => {
      const [a] = await users(1);
      const self = await call(a, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: a!.id });
      expect(codeOf(self)).toBe('BAD_USER_INPUT');
      expect(self.errors![0]!.extensions!['fields']).toHaveProperty('userId');
      const unknown = await call(a, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, {
        u: '00000000-0000-4000-8000-000000000000',
      });
      expect(codeOf(unknown)).toBe('NOT_FOUND');
      const bad = await call(a, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: 'nope' });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      const list = await ok<any>(call(a, `{ conversations { conversations { id } } }`), 'conversations');
      expect(list.conversations).toEqual([]);
    });

    it('createGroup makes the creator OWNER, records a SYSTEM message, and validates input without storing anything', async () => {
      const [a, b, c] = await users(3);
      const g = await createGroup(a!, '  Team  ', [b!.id, c!.id, b!.id, a!.id], 'about');
      expect(g).toMatchObject({ kind: 'GROUP', title: 'Team', description: 'about', memberCount: 3, lastSeq: 1 });
      const me = await conv(a!, g.id, 'myMembership { role user { id } } members { role user { id } }');
      expect(me.myMembership.role).toBe('OWNER');
      expect(me.members).toHaveLength(3);
      const msgs = await allMessages(b!, g.id);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toMatchObject({ kind: 'SYSTEM', seq: 1, sender: null });

      const before = (await ok<any>(call(a, `{ conversations { conversations { id } } }`), 'conversations'))
        .conversations.length;
      const bad = async (input: Record<string, unknown>, field: string) => {
        const r = await call(a, `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`, { i: input });
        expect(codeOf(r), JSON.stringify(input)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.extensions!['fields']).toHaveProperty(field);
        expect(r.data?.['createGroup'] ?? null).toBeNull();
      };
      await bad({ title: '   ', memberIds: [] }, 'title');
      await bad({ title: 'x'.repeat(101), memberIds: [] }, 'title');
      await bad({ title: 'ok', memberIds: ['00000000-0000-4000-8000-000000000000'] }, 'memberIds');
      await bad({ title: 'ok', memberIds: ['not-an-id'] }, 'memberIds');
      await bad({ title: 'ok', description: 'd'.repeat(1001), memberIds: [] }, 'description');
      const after = (await ok<any>(call(a, `{ conversations { conversations { id } } }`), 'conversations'))
        .conversations.length;
      expect(after).toBe(before);
      // Exactly 100 code points (emoji count as one) is accepted.
      expect((await createGroup(a!, '😀'.repeat(100), [])).title).toBe('😀'.repeat(100));
    });

    it('lists conversations newest activity first with cursor paging, with unreadCount, myMembership and lastMessage', async () => {
      const [me, ...others] = await users(6, 'p');
      const ids: string[] = [];
      for (const o of others) ids.push((await openDirect(me!, o.id)).id);
      // Activity order: 3, 0, 4, 1, 2 (the last one touched is the newest).
      const order = [2, 1, 4, 0, 3];
      for (const i of order) {
        await nextMs();
        await send(others[i]!, ids[i]!, `hello from ${i}`);
      }
      await nextMs();
      await send(others[3]!, ids[3]!, 'again');
      const expected = [3, 0, 4, 1, 2].map((i) => ids[i]);

      const page = (after?: string) =>
        ok<any>(
          call(
            me,
            `query($a: ID) { conversations(first: 2, after: $a) { nextCursor conversations { id unreadCount lastSeq lastMessage { text sender { id } } myMembership { role lastReadSeq } } } }`,
            { a: after ?? null },
          ),
          'conversations',
        );
      const seen: any[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const p = await page(cursor);
        seen.push(...p.conversations);
        cursor = p.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(cursor).toBeUndefined();
      expect(seen.map((c) => c.id)).toEqual(expected);
      expect(seen[0]).toMatchObject({
        unreadCount: 2,
        lastSeq: 2,
        lastMessage: { text: 'again', sender: { id: others[3]!.id } },
      });
      expect(seen[1]).toMatchObject({ unreadCount: 1, myMembership: { role: 'MEMBER', lastReadSeq: 0 } });
      const bad = await call(me, `{ conversations(first: 0) { conversations { id } } }`);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      const badCursor = await call(me, `{ conversations(after: "garbage") { conversations { id } } }`);
      expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');
    });

    it('pages members in join order', async () => {
      const [a, ...rest] = await users(6, 'mem');
      const g = await createGroup(
        a!,
        'Big',
        rest.map((u) => u.id),
      );
      const all = new Set<string>();
      let after: string | null = null;
      for (;;) {
        const c: any = await conv(
          a!,
          g.id,
          `members(first: 2, after: ${after ? `"${after}"` : 'null'}) { user { id } role }`,
        );
        for (const m of c.members) {
          expect(all.has(m.user.id)).toBe(false);
          all.add(m.user.id);
        }
        if (c.members.length < 2) break;
        after = c.members[c.members.length - 1].user.id;
      }
      expect([...all].sort()).toEqual([a!, ...rest].map((u) => u.id).sort());
      const bad = await call(a, `query($c: ID!) { conversation(id: $c) { members(first: 201) { role } } }`, {
        c: g.id,
      });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });
  });
}
