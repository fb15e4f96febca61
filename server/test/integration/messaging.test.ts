import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestMode } from '../support/app';
import { codeOf, gql, record, until, wsClient, type GqlResult, type Recorder } from '../support/client';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const EVENT = `conversationId seq __typename
  ... on MessageAdded { message { id seq text kind clientMessageId conversationId sender { id } replyTo { id } } }
  ... on MessageUpdated { message { id seq text kind clientMessageId conversationId sender { id } replyTo { id } } }
  ... on MemberJoined { member { role user { id } } }
  ... on MemberUpdated { member { role user { id } } }
  ... on MemberLeft { user { id } }
  ... on ConversationUpdated { conversation { id title description } }`;
const CONV_EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { ${EVENT} } }`;
const INBOX_EVENTS = `subscription { inboxEvents { ${EVENT} } }`;
const MESSAGE = 'id seq text kind clientMessageId conversationId sender { id } replyTo { id }';
/** These suites sign up many users from one address; the per-IP sign-up limit is not under test here. */
const ENV = { RATE_SIGNUP_PER_IP_PER_HOUR: '1000000' };

/** The first error code a subscription recorded (a `next` with errors or an `error`). */
const subCode = (r: Recorder<unknown>): unknown => {
  const first = r.errors[0] as any;
  const e = Array.isArray(first) ? first[0] : first;
  return e?.extensions?.code;
};

/** Waits until the clock has moved on, so activity timestamps differ. */
const nextMs = async () => {
  const t = Date.now();
  await until(() => Date.now() > t + 1, 1000);
};

describe.each(['pglite', 'postgres'] as TestMode[])('messaging (%s)', (mode) => {
  describe.skipIf(mode === 'postgres' && needs('postgres'))('', () => {
    let app: TestApp;
    const clients: Client[] = [];

    beforeAll(async () => {
      app = await startTestApp(mode, ENV);
    }, 180_000);
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
    });
    afterAll(() => app?.stop());

    const call = (u: TestUser | undefined, query: string, vars: Record<string, unknown> = {}) =>
      gql(app.url, query, vars, u?.token);
    const ok = async <T = any>(p: Promise<GqlResult>, field: string): Promise<T> => {
      const r = await p;
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data![field] as T;
    };
    const ws = (u: TestUser) => {
      const c = wsClient(app.url, u.token);
      clients.push(c);
      return c;
    };
    const users = (n: number, prefix = 'u') => Promise.all(Array.from({ length: n }, () => signUp(app.url, prefix)));

    const openDirect = (u: TestUser, other: string) =>
      ok<any>(
        call(u, `mutation($u: ID!) { openDirectConversation(userId: $u) { id kind lastSeq memberCount } }`, {
          u: other,
        }),
        'openDirectConversation',
      );
    const createGroup = (u: TestUser, title: string, memberIds: string[], description?: string) =>
      ok<any>(
        call(
          u,
          `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id kind title description lastSeq memberCount } }`,
          {
            i: { title, memberIds, ...(description !== undefined ? { description } : {}) },
          },
        ),
        'createGroup',
      );
    const sendRaw = (u: TestUser, c: string, text: string, clientMessageId: string, replyToId?: string) =>
      call(u, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { ${MESSAGE} } }`, {
        i: { conversationId: c, clientMessageId, text, ...(replyToId ? { replyToId } : {}) },
      });
    let counter = 0;
    const send = (u: TestUser, c: string, text: string, clientMessageId = `m${++counter}`, replyToId?: string) =>
      ok<any>(sendRaw(u, c, text, clientMessageId, replyToId), 'sendMessage');
    const conv = (u: TestUser, id: string, fields = 'id lastSeq memberCount title description') =>
      ok<any>(call(u, `query($c: ID!) { conversation(id: $c) { ${fields} } }`, { c: id }), 'conversation');
    const history = (u: TestUser, c: string, args: Record<string, unknown> = {}) =>
      call(
        u,
        `query($c: ID!, $b: Int, $a: Int, $l: Int) { messages(conversationId: $c, beforeSeq: $b, afterSeq: $a, limit: $l) { messages { ${MESSAGE} } hasMoreBefore hasMoreAfter } }`,
        { c, ...args },
      );
    const allMessages = async (u: TestUser, c: string) =>
      (await ok<any>(history(u, c, { a: 0, l: 200 }), 'messages')).messages as any[];

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
          call(
            admin,
            `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { title description } }`,
            {
              i: { conversationId: g.id, title: 'Crew 2', description: 'new' },
            },
          ),
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

    describe('messages', () => {
      it('sendMessage is idempotent per (sender, clientMessageId), also concurrently, and emits one event', async () => {
        const [a, b] = await users(2);
        const c = await openDirect(a!, b!.id);
        const sub = record(ws(b!), CONV_EVENTS, { c: c.id, a: 0 }, 'conversationEvents');
        const first = await send(a!, c.id, 'hi', 'key-1');
        expect(first).toMatchObject({ seq: 1, clientMessageId: 'key-1', text: 'hi' });
        const repeats = await Promise.all(Array.from({ length: 5 }, () => send(a!, c.id, 'hi', 'key-1')));
        for (const r of repeats) expect(r).toMatchObject({ id: first.id, seq: 1 });
        // Concurrent first sends of a fresh key: one message.
        const racing = await Promise.all(Array.from({ length: 5 }, () => send(a!, c.id, 'race', 'key-2')));
        expect(new Set(racing.map((r) => r.id)).size).toBe(1);
        expect(racing[0].seq).toBe(2);
        // Another sender may use the same key.
        const bs = await send(b!, c.id, 'mine', 'key-1');
        expect(bs.id).not.toBe(first.id);
        expect(bs.seq).toBe(3);
        // The same key for different content is a conflict and stores nothing.
        expect(codeOf(await sendRaw(a!, c.id, 'other text', 'key-1'))).toBe('CONFLICT');
        expect((await conv(a!, c.id)).lastSeq).toBe(3);
        await sub.waitFor(3);
        await send(a!, c.id, 'end');
        await sub.waitFor(4);
        expect(sub.events.map((e: any) => e.seq)).toEqual([1, 2, 3, 4]);
        expect((await allMessages(a!, c.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      });

      it('replyToId must be a message of the same conversation', async () => {
        const [a, b, c] = await users(3);
        const ab = await openDirect(a!, b!.id);
        const ac = await openDirect(a!, c!.id);
        const m1 = await send(a!, ab.id, 'question');
        const reply = await send(b!, ab.id, 'answer', undefined, m1.id);
        expect(reply.replyTo).toEqual({ id: m1.id });
        const other = await send(a!, ac.id, 'elsewhere');
        const cross = await sendRaw(b!, ab.id, 'cross', 'x1', other.id);
        expect(codeOf(cross)).toBe('BAD_USER_INPUT');
        expect(cross.errors![0]!.extensions!['fields']).toHaveProperty('replyToId');
        expect(codeOf(await sendRaw(b!, ab.id, 'ghost', 'x2', '00000000-0000-4000-8000-000000000000'))).toBe(
          'BAD_USER_INPUT',
        );
        expect(codeOf(await sendRaw(b!, ab.id, 'junk', 'x3', 'junk'))).toBe('BAD_USER_INPUT');
        expect((await conv(a!, ab.id)).lastSeq).toBe(2);
        // A key refused once is still free: nothing partial was stored.
        expect((await send(b!, ab.id, 'cross', 'x1')).seq).toBe(3);
      });

      it('validates text: 1 to 10,000 code points after trimming, no control characters', async () => {
        const [a, b] = await users(2);
        const c = await openDirect(a!, b!.id);
        const bad = async (text: string, key = `bad${++counter}`) => {
          const r = await sendRaw(a!, c.id, text, key);
          expect(codeOf(r)).toBe('BAD_USER_INPUT');
          expect(r.errors![0]!.extensions!['fields']).toHaveProperty(
            key.startsWith('bad') ? 'text' : 'clientMessageId',
          );
        };
        await bad('');
        await bad(' \n\t ');
        await bad('x'.repeat(10_001));
        await bad('😀'.repeat(10_001));
        await bad('bell \u0007');
        await bad('nul \u0000');
        await bad('ok', 'has space');
        await bad('ok', 'k'.repeat(101));
        expect((await conv(a!, c.id)).lastSeq).toBe(0);
        expect(await allMessages(a!, c.id)).toEqual([]);
        expect((await send(a!, c.id, '😀'.repeat(10_000))).text).toBe('😀'.repeat(10_000));
        expect((await send(a!, c.id, '  line 1\n\tline 2  ')).text).toBe('line 1\n\tline 2');
        expect((await send(a!, c.id, 'x'.repeat(10_000))).seq).toBe(3);
      });

      it('reads history in both directions with limit 1..200', async () => {
        const [a, b] = await users(2);
        const c = await openDirect(a!, b!.id);
        for (let i = 1; i <= 7; i++) await send(i % 2 ? a! : b!, c.id, `m${i}`);
        const page = async (args: Record<string, unknown>) => {
          const p = await ok<any>(history(a!, c.id, args), 'messages');
          return { seqs: p.messages.map((m: any) => m.seq), before: p.hasMoreBefore, after: p.hasMoreAfter };
        };
        expect(await page({ l: 3 })).toEqual({ seqs: [5, 6, 7], before: true, after: false });
        expect(await page({ b: 5, l: 3 })).toEqual({ seqs: [2, 3, 4], before: true, after: true });
        expect(await page({ b: 3, l: 3 })).toEqual({ seqs: [1, 2], before: false, after: true });
        expect(await page({ a: 0, l: 3 })).toEqual({ seqs: [1, 2, 3], before: false, after: true });
        expect(await page({ a: 4, l: 3 })).toEqual({ seqs: [5, 6, 7], before: true, after: false });
        expect(await page({ a: 7, l: 3 })).toEqual({ seqs: [], before: true, after: false });
        expect(await page({ l: 1 })).toEqual({ seqs: [7], before: true, after: false });
        expect((await page({ l: 200 })).seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
        for (const l of [0, -1, 201, 1000])
          expect(codeOf(await history(a!, c.id, { l })), `limit ${l}`).toBe('BAD_USER_INPUT');
        expect(codeOf(await history(a!, c.id, { b: 0 }))).toBe('BAD_USER_INPUT');
        expect(codeOf(await history(a!, c.id, { a: -1 }))).toBe('BAD_USER_INPUT');
      });

      it('markRead is monotonic and refuses a seq above lastSeq', async () => {
        const [a, b] = await users(2);
        const c = await openDirect(a!, b!.id);
        for (let i = 0; i < 4; i++) await send(b!, c.id, `m${i}`);
        const mark = (seq: number) =>
          call(
            a,
            `mutation($c: ID!, $s: Int!) { markRead(conversationId: $c, seq: $s) { lastReadSeq lastDeliveredSeq } }`,
            { c: c.id, s: seq },
          );
        expect((await ok<any>(mark(3), 'markRead')).lastReadSeq).toBe(3);
        expect((await conv(a!, c.id, 'unreadCount myMembership { lastReadSeq }')).unreadCount).toBe(1);
        expect((await ok<any>(mark(1), 'markRead')).lastReadSeq).toBe(3);
        expect(codeOf(await mark(5))).toBe('BAD_USER_INPUT');
        expect(codeOf(await mark(-1))).toBe('BAD_USER_INPUT');
        expect((await conv(a!, c.id, 'unreadCount myMembership { lastReadSeq }')).myMembership.lastReadSeq).toBe(3);
        expect((await ok<any>(mark(4), 'markRead')).lastReadSeq).toBe(4);
        expect((await conv(a!, c.id, 'unreadCount')).unreadCount).toBe(0);
        // My own messages are never unread.
        await send(a!, c.id, 'mine');
        expect((await conv(a!, c.id, 'unreadCount')).unreadCount).toBe(0);
        const stranger = (await users(1))[0]!;
        expect(
          codeOf(
            await call(stranger, `mutation($c: ID!) { markRead(conversationId: $c, seq: 1) { lastReadSeq } }`, {
              c: c.id,
            }),
          ),
        ).toBe('NOT_FOUND');
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
        const again = record(ws(carol!), CONV_EVENTS, { c: g.id, a: 0 }, 'conversationEvents');
        await again.ended();
        expect(subCode(again)).toBe('NOT_FOUND');
      });
    });

    describe('events', () => {
      it('resumes with afterSeq and converges to exactly the state of a fresh fetch', async () => {
        const [owner, bob, carol, dan] = await users(4, 'r');
        const g = await createGroup(owner!, 'Resume', [bob!.id, carol!.id]);
        await send(bob!, g.id, 'one');
        const snapshot = async () => {
          const c = await conv(
            bob!,
            g.id,
            'lastSeq title description memberCount members(first: 200) { role user { id } }',
          );
          return {
            lastSeq: c.lastSeq as number,
            title: c.title,
            description: c.description,
            members: new Map<string, string>(c.members.map((m: any) => [m.user.id, m.role])),
            messages: new Map<string, any>((await allMessages(bob!, g.id)).map((m) => [m.id, m])),
          };
        };
        // The client's state: a snapshot, then events applied.
        const state = await snapshot();
        const apply = (e: any) => {
          expect(e.seq).toBe(state.lastSeq + 1);
          state.lastSeq = e.seq;
          switch (e.__typename) {
            case 'MessageAdded':
            case 'MessageUpdated':
              state.messages.set(e.message.id, e.message);
              break;
            case 'MemberJoined':
            case 'MemberUpdated':
              state.members.set(e.member.user.id, e.member.role);
              break;
            case 'MemberLeft':
              state.members.delete(e.user.id);
              break;
            case 'ConversationUpdated':
              state.title = e.conversation.title;
              state.description = e.conversation.description;
              break;
          }
        };
        const c1 = ws(bob!);
        const live = record(c1, CONV_EVENTS, { c: g.id, a: state.lastSeq }, 'conversationEvents');
        await send(owner!, g.id, 'two');
        await live.waitFor(1);
        live.events.forEach(apply);
        await c1.dispose();

        // While disconnected, everything kind of change happens.
        await send(carol!, g.id, 'three');
        await call(owner, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
          c: g.id,
          u: [dan!.id],
        });
        await call(
          owner,
          `mutation($c: ID!, $u: ID!) { setMemberRole(conversationId: $c, userId: $u, role: ADMIN) { role } }`,
          {
            c: g.id,
            u: carol!.id,
          },
        );
        await call(owner, `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { id } }`, {
          i: { conversationId: g.id, title: 'Renamed', description: 'desc' },
        });
        await call(carol, `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`, {
          c: g.id,
          u: dan!.id,
        });
        await Promise.all(Array.from({ length: 10 }, (_, i) => send([owner!, carol!][i % 2]!, g.id, `burst ${i}`)));

        const resumed = record(ws(bob!), CONV_EVENTS, { c: g.id, a: state.lastSeq }, 'conversationEvents');
        // A message sent while the replay runs must be neither lost nor doubled at the switch.
        const racing = send(owner!, g.id, 'during replay');
        const fresh0 = await racing;
        await until(() => resumed.events.some((e: any) => e.seq === fresh0.seq) || resumed.errors.length > 0);
        expect(resumed.errors).toEqual([]);
        resumed.events.forEach(apply);

        const fresh = await snapshot();
        expect(state.lastSeq).toBe(fresh.lastSeq);
        expect(state.title).toBe('Renamed');
        expect({ ...state, messages: [...state.messages.values()], members: [...state.members].sort() }).toEqual({
          ...fresh,
          messages: [...fresh.messages.values()],
          members: [...fresh.members].sort(),
        });
      });

      it('inboxEvents follows conversations the viewer is added to after subscribing and stops those they leave', async () => {
        const [me, a, b] = await users(3, 'in');
        const direct = await openDirect(a!, me!.id);
        const inbox = record(ws(me!), INBOX_EVENTS, {}, 'inboxEvents');
        // The subscription is live once a ping in an existing conversation arrives.
        for (let i = 0; !inbox.events.some((e: any) => e.conversationId === direct.id); i++) {
          expect(i).toBeLessThan(40);
          await send(a!, direct.id, `ping ${i}`);
          await until(() => inbox.events.some((e: any) => e.conversationId === direct.id), 500).catch(() => undefined);
        }

        const g1 = await createGroup(a!, 'Later', [me!.id]);
        const g2 = await createGroup(b!, 'Added', []);
        await ok(
          call(b, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
            c: g2.id,
            u: [me!.id],
          }),
          'addMembers',
        );
        await send(a!, g1.id, 'in g1');
        await send(b!, g2.id, 'in g2');
        await until(() => ['in g1', 'in g2'].every((t) => inbox.events.some((e: any) => e.message?.text === t)));
        const forG2 = inbox.events.filter((e: any) => e.conversationId === g2.id);
        expect(forG2[0]).toMatchObject({ __typename: 'MemberJoined', member: { user: { id: me!.id } } });

        await ok(
          call(me, `mutation($c: ID!) { leaveConversation(conversationId: $c) }`, { c: g1.id }),
          'leaveConversation',
        );
        await until(() => inbox.events.some((e: any) => e.__typename === 'MemberLeft' && e.conversationId === g1.id));
        await send(a!, g1.id, 'after I left');
        await send(a!, direct.id, 'still here');
        await until(() => inbox.events.some((e: any) => e.message?.text === 'still here'));
        expect(inbox.errors).toEqual([]);
        expect(inbox.completed).toBe(false);
        expect(JSON.stringify(inbox.events)).not.toContain('after I left');
        // Per conversation: gap-free ascending seqs.
        for (const id of [direct.id, g1.id, g2.id]) {
          const seqs = inbox.events.filter((e: any) => e.conversationId === id).map((e: any) => e.seq);
          for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
        }
        const g1Events = inbox.events.filter((e: any) => e.conversationId === g1.id);
        expect(g1Events[g1Events.length - 1]).toMatchObject({ __typename: 'MemberLeft', user: { id: me!.id } });
      });

      it('refuses a negative afterSeq', async () => {
        const [a, b] = await users(2);
        const c = await openDirect(a!, b!.id);
        const sub = record(ws(a!), CONV_EVENTS, { c: c.id, a: -1 }, 'conversationEvents');
        await sub.ended();
        expect(subCode(sub)).toBe('BAD_USER_INPUT');
      });
    });

    describe('replay limit', () => {
      let small: TestApp;
      beforeAll(async () => {
        small = await startTestApp(mode, { ...ENV, REPLAY_LIMIT: '5' });
      }, 180_000);
      afterAll(() => small?.stop());

      it('ends with RESYNC_REQUIRED when afterSeq is further behind than the replay limit', async () => {
        const [a, b] = await Promise.all([signUp(small.url, 'rl'), signUp(small.url, 'rl')]);
        const open = await gql(
          small.url,
          `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
          { u: b.id },
          a.token,
        );
        const id = open.data!['openDirectConversation'].id;
        for (let i = 1; i <= 8; i++) {
          const r = await gql(
            small.url,
            `mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }`,
            { i: { conversationId: id, clientMessageId: `k${i}`, text: `m${i}` } },
            a.token,
          );
          expect(r.data?.['sendMessage'].seq).toBe(i);
        }
        const client = wsClient(small.url, b.token);
        clients.push(client);
        const tooFar = record(client, CONV_EVENTS, { c: id, a: 2 }, 'conversationEvents');
        await tooFar.ended();
        expect(subCode(tooFar)).toBe('RESYNC_REQUIRED');
        expect(tooFar.events).toEqual([]);
        const within = record(client, CONV_EVENTS, { c: id, a: 3 }, 'conversationEvents');
        await within.waitFor(5);
        expect(within.events.map((e: any) => e.seq)).toEqual([4, 5, 6, 7, 8]);
        expect(within.errors).toEqual([]);
      });
    });
  });
});
