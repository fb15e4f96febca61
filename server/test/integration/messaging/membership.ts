import { describe, expect, it } from 'vitest';
import { codeOf, gql, record } from '../../support/client';
import { CONV_EVENTS, type MessagingSuite, subCode } from './fixture';

/**
 * Who is in a conversation: membership changes as events with their own seq, and what non-members and
 * removed members cannot do.
 */
export function membershipTests(suite: MessagingSuite): void {
  const { app, call, ok, ws, users, openDirect, createGroup, sendRaw, send, conv, history } = suite;

  describe('conversations', () => {
    it('addMembers, removeMember, setMemberRole, updateConversation and leaveConversation are events with their own seq', async () => {
      const [owner, admin, m1, m2, outsider] = await users(5);
      const g = await createGroup(owner!, 'Crew', [admin!.id, m1!.id]);
      const sub = record(ws(owner!), CONV_EVENTS, { c: g.id, a: 0 }, 'conversationEvents');

      const added = await ok<any>(
        call(
          owner,
          `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id memberCount lastSeq } }`,
          {
            c: g.id,
            u: [m2!.id, m1!.id],
          },
        ),
        'addMembers',
      );
      expect(added.memberCount).toBe(4);
      expect(added.lastSeq).toBe(3); // MemberJoined(m2) + SYSTEM

      const role = await ok<any>(
        call(
          owner,
          `mutation($c: ID!, $u: ID!) { setMemberRole(conversationId: $c, userId: $u, role: ADMIN) { role user { id } } }`,
          {
            c: g.id,
            u: admin!.id,
          },
        ),
        'setMemberRole',
      );
      expect(role).toMatchObject({ role: 'ADMIN', user: { id: admin!.id } });

      // Members cannot add; admins cannot remove the owner; nobody outside sees anything.
      const denied = await call(
        m1,
        `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`,
        {
          c: g.id,
          u: [outsider!.id],
        },
      );
      expect(codeOf(denied)).toBe('FORBIDDEN');
      const noOwner = await call(
        admin,
        `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`,
        {
          c: g.id,
          u: owner!.id,
        },
      );
      expect(codeOf(noOwner)).toBe('FORBIDDEN');
      const outside = await call(
        outsider,
        `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`,
        {
          c: g.id,
          u: [outsider!.id],
        },
      );
      expect(codeOf(outside)).toBe('NOT_FOUND');
      const unknownUser = await call(
        owner,
        `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`,
        {
          c: g.id,
          u: ['00000000-0000-4000-8000-000000000000'],
        },
      );
      expect(codeOf(unknownUser)).toBe('BAD_USER_INPUT');
      expect((await conv(owner!, g.id)).lastSeq).toBe(4);

      const removed = await ok<any>(
        call(admin, `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { memberCount } }`, {
          c: g.id,
          u: m2!.id,
        }),
        'removeMember',
      );
      expect(removed.memberCount).toBe(3);

      const updated = await ok<any>(
        call(admin, `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { title description } }`, {
          i: { conversationId: g.id, title: 'Crew 2', description: 'new' },
        }),
        'updateConversation',
      );
      expect(updated).toEqual({ title: 'Crew 2', description: 'new' });
      const badTitle = await call(
        admin,
        `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { title } }`,
        {
          i: { conversationId: g.id, title: '' },
        },
      );
      expect(codeOf(badTitle)).toBe('BAD_USER_INPUT');
      const byMember = await call(
        m1,
        `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { title } }`,
        {
          i: { conversationId: g.id, title: 'mine' },
        },
      );
      expect(codeOf(byMember)).toBe('FORBIDDEN');

      // The last owner leaving hands ownership to the oldest admin.
      expect(
        await ok(
          call(owner, `mutation($c: ID!) { leaveConversation(conversationId: $c) }`, { c: g.id }),
          'leaveConversation',
        ),
      ).toBe(true);
      const after = await conv(admin!, g.id, 'lastSeq memberCount title myMembership { role }');
      expect(after).toMatchObject({ memberCount: 2, title: 'Crew 2', myMembership: { role: 'OWNER' } });
      expect(
        await call(owner, `query($c: ID!) { conversation(id: $c) { id title } }`, { c: g.id }).then(
          (r) => r.data?.['conversation'],
        ),
      ).toBeNull();

      // The owner's subscription saw every event up to their own MemberLeft, gap-free, then ended.
      await sub.ended();
      expect(sub.errors).toEqual([]);
      const seqs = sub.events.map((e: any) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const last = sub.events[sub.events.length - 1] as any;
      expect(last).toMatchObject({ __typename: 'MemberLeft', user: { id: owner!.id } });
      expect(sub.events.map((e: any) => e.__typename)).toEqual([
        'MessageAdded', // created
        'MemberJoined',
        'MessageAdded', // added
        'MemberUpdated', // admin role
        'MemberLeft', // m2 removed
        'MessageAdded',
        'ConversationUpdated',
        'MessageAdded',
        'MemberUpdated', // ownership to admin
        'MemberLeft',
      ]);
      // What the others still see continues after the owner's departure.
      const rest = await ok<any>(history(admin!, g.id, { l: 200 }), 'messages');
      expect(rest.messages[rest.messages.length - 1]).toMatchObject({ kind: 'SYSTEM', seq: last.seq + 1 });
      expect((await conv(admin!, g.id)).lastSeq).toBe(last.seq + 1);
    });
  });

  describe('authorization', () => {
    it('a non-member cannot read, write or subscribe', async () => {
      const [a, b, eve] = await users(3);
      const c = await openDirect(a!, b!.id);
      await send(a!, c.id, 'secret');
      const got = await call(eve, `query($c: ID!) { conversation(id: $c) { id title lastMessage { text } } }`, {
        c: c.id,
      });
      expect(got.data?.['conversation'] ?? null).toBeNull();
      if (got.errors) expect(codeOf(got)).toBe('NOT_FOUND');
      expect(codeOf(await history(eve!, c.id))).toBe('NOT_FOUND');
      const w = await sendRaw(eve!, c.id, 'intrude', 'e1');
      expect(codeOf(w)).toBe('NOT_FOUND');
      expect(JSON.stringify(w)).not.toContain('secret');
      const sub = record(ws(eve!), CONV_EVENTS, { c: c.id, a: 0 }, 'conversationEvents');
      await sub.ended();
      expect(subCode(sub)).toBe('NOT_FOUND');
      expect(sub.events).toEqual([]);
      // A random ID looks the same as someone else's conversation.
      expect(codeOf(await history(eve!, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
      expect((await conv(a!, c.id)).lastSeq).toBe(1);
      const unauth = await gql(app.url, `query($c: ID!) { messages(conversationId: $c) { messages { id } } }`, {
        c: c.id,
      });
      expect(codeOf(unauth)).toBe('UNAUTHENTICATED');
    });

    it('a member removed while subscribed receives their MemberLeft, then nothing, and the subscription completes', async () => {
      const [owner, carol, dave] = await users(3);
      const g = await createGroup(owner!, 'Club', [carol!.id, dave!.id]);
      const carolSub = record(ws(carol!), CONV_EVENTS, { c: g.id, a: 0 }, 'conversationEvents');
      // From seq 1 on, so a subscription that goes live late still sees every later event.
      const daveSub = record(ws(dave!), CONV_EVENTS, { c: g.id, a: 1 }, 'conversationEvents');
      await send(owner!, g.id, 'before');
      await carolSub.waitFor(2);
      await daveSub.waitFor(1);
      await ok(
        call(owner, `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`, {
          c: g.id,
          u: carol!.id,
        }),
        'removeMember',
      );
      await send(owner!, g.id, 'after');
      await carolSub.ended();
      expect(carolSub.errors).toEqual([]);
      expect(carolSub.completed).toBe(true);
      await daveSub.waitFor(4); // message, MemberLeft, SYSTEM, message
      expect(daveSub.events.map((e: any) => e.__typename)).toEqual([
        'MessageAdded',
        'MemberLeft',
        'MessageAdded',
        'MessageAdded',
      ]);
      expect(carolSub.events.map((e: any) => e.seq)).toEqual([1, 2, 3]);
      expect(carolSub.events[2]).toMatchObject({ __typename: 'MemberLeft', user: { id: carol!.id } });
      expect(JSON.stringify(carolSub.events)).not.toContain('after');
      // Removed means out: no reads, writes or new subscriptions.
      expect(codeOf(await history(carol!, g.id))).toBe('NOT_FOUND');
      expect(codeOf(await sendRaw(carol!, g.id, 'let me in', 'c1'))).toBe('NOT_FOUND');
      // Resuming from before the removal replays up to her MemberLeft and ends; after it, NOT_FOUND.
      const resumed = record(ws(carol!), CONV_EVENTS, { c: g.id, a: 1 }, 'conversationEvents');
      await resumed.ended();
      expect(resumed.completed).toBe(true);
      expect(resumed.events.map((e: any) => e.seq)).toEqual([2, 3]);
      const again = record(ws(carol!), CONV_EVENTS, { c: g.id, a: 3 }, 'conversationEvents');
      await again.ended();
      expect(subCode(again)).toBe('NOT_FOUND');
    });
  });
}
