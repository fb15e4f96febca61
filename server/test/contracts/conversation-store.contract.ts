import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, ConversationKind, Member, MemberRole } from '@parley/core';
import type { Message } from '@parley/core';
import { DuplicateClientMessageIdError, type ConversationStore, type ConversationTx } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface ConversationStoreFixture {
  store: ConversationStore;
  /** Makes `id` a valid user for foreign keys (a no-op where there are none). */
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every {@link ConversationStore} adapter must have, so the domain can rely on it
 * whichever storage a node runs on.
 */
export function defineConversationStoreContract(name: string, factory: () => Promise<ConversationStoreFixture>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let f: ConversationStoreFixture;
    let store: ConversationStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    async function users(n: number): Promise<string[]> {
      const ids = Array.from({ length: n }, () => randomUUID());
      for (const id of ids) await f.createUser(id);
      return ids;
    }

    const member = (
      conversationId: string,
      userId: string,
      role: MemberRole = 'MEMBER',
      joinedAt?: string,
    ): Member => ({
      conversationId,
      userId,
      role,
      joinedAt: joinedAt ?? new Date().toISOString(),
      joinedSeq: 0,
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
    });

    async function newConversation(
      userIds: string[],
      o: { kind?: ConversationKind; directKey?: string | null; at?: string } = {},
    ): Promise<Conversation> {
      const id = randomUUID();
      const at = o.at ?? new Date().toISOString();
      const res = await store.create(
        {
          id,
          kind: o.kind ?? 'GROUP',
          title: o.kind === 'DIRECT' ? null : 'Group',
          description: null,
          createdAt: at,
          lastSeq: 0,
          lastActivityAt: at,
          lastMessageId: null,
          memberCount: userIds.length,
          directKey: o.directKey ?? null,
        },
        userIds.map((u, i) => member(id, u, i === 0 ? 'OWNER' : 'MEMBER', at)),
        async () => undefined,
      );
      return res.conversation;
    }

    function textMessage(
      conversationId: string,
      senderId: string | null,
      seq: number,
      o: Partial<Message> = {},
    ): Message {
      return {
        id: randomUUID(),
        conversationId,
        seq,
        clientMessageId: senderId ? randomUUID() : null,
        senderId,
        kind: senderId ? 'TEXT' : 'SYSTEM',
        text: `message ${seq}`,
        replyToId: null,
        createdAt: new Date().toISOString(),
        editedAt: null,
        deletedAt: null,
        ...o,
      };
    }

    /** Appends a MessageAdded event and its message, as the message service does. */
    async function addMessage(tx: ConversationTx, senderId: string | null, o: Partial<Message> = {}): Promise<Message> {
      let message: Message | undefined;
      await tx.appendEvent((seq, createdAt) => {
        message = { ...textMessage(tx.conversation.id, senderId, seq), createdAt, ...o, seq };
        return { type: 'MessageAdded', message };
      });
      await tx.insertMessage(message!);
      return message!;
    }

    async function send(conversationId: string, senderId: string | null, o: Partial<Message> = {}): Promise<Message> {
      const res = await store.write(conversationId, (tx) => addMessage(tx, senderId, o));
      if (!res) throw new Error('conversation missing');
      return res.result;
    }

    const get = async (id: string) => (await store.getConversations([id]))[0]!;

    describe('create and members', () => {
      it('stores the conversation with its initial members and memberCount', async () => {
        const [a, b, c] = await users(3);
        const conv = await newConversation([a!, b!, c!]);
        expect(conv).toMatchObject({ kind: 'GROUP', title: 'Group', lastSeq: 0, memberCount: 3, lastMessageId: null });
        expect(await get(conv.id)).toEqual(conv);
        const ms = await store.getMemberships([
          { conversationId: conv.id, userId: a! },
          { conversationId: conv.id, userId: c! },
          { conversationId: conv.id, userId: randomUUID() },
          { conversationId: randomUUID(), userId: a! },
        ]);
        expect(ms.map((m) => [m.userId, m.role, m.joinedSeq, m.lastReadSeq]).sort()).toEqual(
          [
            [a, 'OWNER', 0, 0],
            [c, 'MEMBER', 0, 0],
          ].sort(),
        );
        expect(await store.conversationIdsOf(b!)).toEqual([conv.id]);
        expect(await store.getConversations([randomUUID()])).toEqual([]);
      });

      it('runs fn in the creating transaction and returns its result', async () => {
        const [a, b] = await users(2);
        const id = randomUUID();
        const now = new Date().toISOString();
        const res = await store.create(
          {
            id,
            kind: 'GROUP',
            title: 'T',
            description: 'D',
            createdAt: now,
            lastSeq: 0,
            lastActivityAt: now,
            lastMessageId: null,
            memberCount: 0,
            directKey: null,
          },
          [member(id, a!, 'OWNER', now)],
          async (tx) => {
            await tx.insertMembers([member(id, b!, 'MEMBER', now)]);
            const m = await addMessage(tx, null);
            return m.id;
          },
        );
        expect(res.created).toBe(true);
        if (!res.created) return;
        expect(res.conversation).toMatchObject({
          lastSeq: 1,
          memberCount: 2,
          lastMessageId: res.result,
          description: 'D',
        });
        expect(await get(id)).toMatchObject({ lastSeq: 1, memberCount: 2, lastMessageId: res.result });
        expect((await store.eventsAfter(id, 0, 10)).map((e) => e.seq)).toEqual([1]);
      });

      it('returns the existing DIRECT conversation for a known directKey and writes nothing', async () => {
        const [a, b] = await users(2);
        const key = [a, b].sort().join(':');
        const first = await newConversation([a!, b!], { kind: 'DIRECT', directKey: key });
        let ran = false;
        const now = new Date().toISOString();
        const id = randomUUID();
        const again = await store.create(
          {
            id,
            kind: 'DIRECT',
            title: null,
            description: null,
            createdAt: now,
            lastSeq: 0,
            lastActivityAt: now,
            lastMessageId: null,
            memberCount: 2,
            directKey: key,
          },
          [member(id, a!), member(id, b!)],
          async () => {
            ran = true;
          },
        );
        expect(again.created).toBe(false);
        expect(again.conversation.id).toBe(first.id);
        expect(ran).toBe(false);
        expect(await store.getConversations([id])).toEqual([]);
        expect((await store.conversationIdsOf(a!)).filter((c) => c === first.id)).toHaveLength(1);
      });

      it('creates one conversation when two creates race on the same directKey', async () => {
        const [a, b] = await users(2);
        const key = [a, b].sort().join(':');
        const make = () => {
          const id = randomUUID();
          const now = new Date().toISOString();
          return store.create(
            {
              id,
              kind: 'DIRECT',
              title: null,
              description: null,
              createdAt: now,
              lastSeq: 0,
              lastActivityAt: now,
              lastMessageId: null,
              memberCount: 2,
              directKey: key,
            },
            [member(id, a!), member(id, b!)],
            async () => 'made',
          );
        };
        const [r1, r2] = await Promise.all([make(), make()]);
        expect([r1.created, r2.created].sort()).toEqual([false, true]);
        expect(r1.conversation.id).toBe(r2.conversation.id);
        expect(await store.conversationIdsOf(a!)).toEqual([r1.conversation.id]);
      });

      it('rolls back a create whose fn throws', async () => {
        const [a] = await users(1);
        const id = randomUUID();
        const now = new Date().toISOString();
        await expect(
          store.create(
            {
              id,
              kind: 'GROUP',
              title: 'T',
              description: null,
              createdAt: now,
              lastSeq: 0,
              lastActivityAt: now,
              lastMessageId: null,
              memberCount: 0,
              directKey: null,
            },
            [member(id, a!, 'OWNER', now)],
            async (tx) => {
              await addMessage(tx, null);
              throw new Error('boom');
            },
          ),
        ).rejects.toThrow('boom');
        expect(await store.getConversations([id])).toEqual([]);
        expect(await store.conversationIdsOf(a!)).toEqual([]);
      });
    });

    describe('write', () => {
      it('resolves to null for an unknown conversation without running fn', async () => {
        let ran = false;
        expect(
          await store.write(randomUUID(), async () => {
            ran = true;
          }),
        ).toBeNull();
        expect(ran).toBe(false);
      });

      it('hands out seqs 1..N gap-free in commit order under 50 concurrent writes', async () => {
        const [a, b] = await users(2);
        const conv = await newConversation([a!, b!]);
        const order: number[] = [];
        const sent = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.write(conv.id, async (tx) => {
              const m = await addMessage(tx, i % 2 ? a! : b!);
              order.push(m.seq);
              return m;
            }),
          ),
        );
        const seqs = sent.map((r) => r!.result.seq);
        expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const events = await store.eventsAfter(conv.id, 0, 100);
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        for (const e of events) {
          expect(e.type).toBe('MessageAdded');
          if (e.type === 'MessageAdded') expect(e.message.seq).toBe(e.seq);
        }
        const page = await store.history(conv.id, { limit: 200 });
        expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const stored = await get(conv.id);
        expect(stored.lastSeq).toBe(50);
        expect(stored.lastMessageId).toBe(page.messages[49]!.id);
      });

      it('stores nothing when fn throws: no event, no message, lastSeq and members unchanged', async () => {
        const [a, b, c] = await users(3);
        const conv = await newConversation([a!, b!]);
        await send(conv.id, a!);
        const before = await get(conv.id);
        let messageId = '';
        await expect(
          store.write(conv.id, async (tx) => {
            const m = await addMessage(tx, a!);
            messageId = m.id;
            await tx.insertMembers([member(conv.id, c!)]);
            await tx.deleteMember(b!);
            await tx.setMemberRole(a!, 'ADMIN');
            await tx.updateConversation({ title: 'Renamed' });
            expect(tx.conversation.lastSeq).toBe(2);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await get(conv.id)).toEqual(before);
        expect(await store.eventsAfter(conv.id, 1, 10)).toEqual([]);
        expect(await store.getMessages([messageId])).toEqual([]);
        const ms = await store.getMemberships([a!, b!, c!].map((userId) => ({ conversationId: conv.id, userId })));
        expect(ms.map((m) => `${m.userId}:${m.role}`).sort()).toEqual([`${a}:OWNER`, `${b}:MEMBER`].sort());
        // The next write still gets the next seq.
        expect((await send(conv.id, a!)).seq).toBe(2);
      });

      it('sees its own uncommitted changes inside the transaction', async () => {
        const [a, b, c] = await users(3);
        const conv = await newConversation([a!, b!]);
        await store.write(conv.id, async (tx) => {
          await tx.insertMembers([member(conv.id, c!)]);
          expect(tx.conversation.memberCount).toBe(3);
          expect((await tx.getMember(c!))?.userId).toBe(c);
          expect((await tx.getMembers([a!, c!, randomUUID()])).map((m) => m.userId).sort()).toEqual([a, c].sort());
          await tx.deleteMember(b!);
          expect(tx.conversation.memberCount).toBe(2);
          expect(await tx.getMember(b!)).toBeNull();
          await tx.setMemberRole(c!, 'ADMIN');
          expect((await tx.getMember(c!))?.role).toBe('ADMIN');
          const m = await addMessage(tx, a!);
          expect((await tx.findMessage(m.id))?.text).toBe(m.text);
          expect((await tx.findByClientMessageId(a!, m.clientMessageId!))?.id).toBe(m.id);
          expect(tx.conversation.lastMessageId).toBe(m.id);
        });
        expect(await get(conv.id)).toMatchObject({ memberCount: 2, lastSeq: 1 });
      });

      it('updates title and description', async () => {
        const [a] = await users(1);
        const conv = await newConversation([a!]);
        await store.write(conv.id, async (tx) => {
          await tx.updateConversation({ title: 'New' });
          expect(tx.conversation.title).toBe('New');
        });
        await store.write(conv.id, (tx) => tx.updateConversation({ description: 'About' }));
        expect(await get(conv.id)).toMatchObject({ title: 'New', description: 'About' });
        await store.write(conv.id, (tx) => tx.updateConversation({ description: null }));
        expect(await get(conv.id)).toMatchObject({ title: 'New', description: null });
      });

      it('finds the oldest member by role for ownership hand-over', async () => {
        const [a, b, c, d] = await users(4);
        const conv = await newConversation([a!]);
        const t0 = Date.now();
        const at = (ms: number) => new Date(t0 + ms).toISOString();
        await store.write(conv.id, (tx) =>
          tx.insertMembers([
            member(conv.id, b!, 'MEMBER', at(1000)),
            member(conv.id, c!, 'ADMIN', at(3000)),
            member(conv.id, d!, 'ADMIN', at(2000)),
          ]),
        );
        await store.write(conv.id, async (tx) => {
          expect((await tx.oldestMember('ADMIN', a!))?.userId).toBe(d);
          expect((await tx.oldestMember('ADMIN', d!))?.userId).toBe(c);
          expect((await tx.oldestMember(null, a!))?.userId).toBe(b);
          expect(await tx.oldestMember('OWNER', a!)).toBeNull();
        });
      });
    });

    describe('clientMessageId idempotency', () => {
      it('rejects a clashing (senderId, clientMessageId) and keeps the transaction usable', async () => {
        const [a, b] = await users(2);
        const conv = await newConversation([a!, b!]);
        const first = await send(conv.id, a!, { clientMessageId: 'key-1' });
        expect((await store.findByClientMessageId(a!, 'key-1'))?.id).toBe(first.id);
        expect(await store.findByClientMessageId(b!, 'key-1')).toBeNull();
        const res = await store.write(conv.id, async (tx) => {
          const clash = textMessage(conv.id, a!, tx.conversation.lastSeq + 1, { clientMessageId: 'key-1' });
          await expect(tx.insertMessage(clash)).rejects.toBeInstanceOf(DuplicateClientMessageIdError);
          // The failed insert left nothing behind, and the same seq is still free.
          return addMessage(tx, a!, { clientMessageId: 'key-2' });
        });
        expect(res!.result.seq).toBe(2);
        expect((await store.findByClientMessageId(a!, 'key-1'))?.id).toBe(first.id);
        expect((await store.findByClientMessageId(a!, 'key-2'))?.id).toBe(res!.result.id);
        expect((await store.history(conv.id, { limit: 10 })).messages.map((m) => m.clientMessageId)).toEqual([
          'key-1',
          'key-2',
        ]);
        // The same key from another sender is fine.
        expect((await send(conv.id, b!, { clientMessageId: 'key-1' })).seq).toBe(3);
      });

      it('rolls the whole write back when the clash propagates', async () => {
        const [a] = await users(1);
        const conv = await newConversation([a!]);
        await send(conv.id, a!, { clientMessageId: 'dup' });
        const before = await get(conv.id);
        await expect(send(conv.id, a!, { clientMessageId: 'dup' })).rejects.toBeInstanceOf(
          DuplicateClientMessageIdError,
        );
        expect(await get(conv.id)).toEqual(before);
        expect((await store.eventsAfter(conv.id, 0, 10)).map((e) => e.seq)).toEqual([1]);
      });

      it('rejects a clash within one transaction and across conversations', async () => {
        const [a] = await users(1);
        const c1 = await newConversation([a!]);
        const c2 = await newConversation([a!]);
        await expect(
          store.write(c1.id, async (tx) => {
            await addMessage(tx, a!, { clientMessageId: 'same' });
            await addMessage(tx, a!, { clientMessageId: 'same' });
          }),
        ).rejects.toBeInstanceOf(DuplicateClientMessageIdError);
        expect(await store.findByClientMessageId(a!, 'same')).toBeNull();
        await send(c1.id, a!, { clientMessageId: 'same' });
        await expect(send(c2.id, a!, { clientMessageId: 'same' })).rejects.toBeInstanceOf(
          DuplicateClientMessageIdError,
        );
        expect((await get(c2.id)).lastSeq).toBe(0);
      });
    });

    describe('history and events', () => {
      // Messages at seqs 1-4 and 6-11; seq 5 is a membership event.
      let conv: Conversation;
      let a: string;
      beforeAll(async () => {
        const [x, y] = await users(2);
        a = x!;
        conv = await newConversation([x!]);
        for (let i = 0; i < 4; i++) await send(conv.id, a);
        await store.write(conv.id, async (tx) => {
          const e = await tx.appendEvent((seq, createdAt) => ({
            type: 'MemberJoined',
            member: { ...member(conv.id, y!, 'MEMBER', createdAt), joinedSeq: seq },
          }));
          await tx.insertMembers([{ ...member(conv.id, y!, 'MEMBER', e.createdAt), joinedSeq: e.seq }]);
        });
        for (let i = 0; i < 6; i++) await send(conv.id, a);
      });
      const seqsOf = async (range: { beforeSeq?: number | null; afterSeq?: number | null; limit: number }) => {
        const p = await store.history(conv.id, range);
        return [p.messages.map((m) => m.seq), p.hasMoreBefore, p.hasMoreAfter];
      };

      it('pages backwards from the newest', async () => {
        expect(await seqsOf({ limit: 3 })).toEqual([[9, 10, 11], true, false]);
        expect(await seqsOf({ limit: 200 })).toEqual([[1, 2, 3, 4, 6, 7, 8, 9, 10, 11], false, false]);
        expect(await seqsOf({ beforeSeq: 6, limit: 3 })).toEqual([[2, 3, 4], true, true]);
        expect(await seqsOf({ beforeSeq: 6, limit: 10 })).toEqual([[1, 2, 3, 4], false, true]);
        expect(await seqsOf({ beforeSeq: 1, limit: 10 })).toEqual([[], false, true]);
        expect(await seqsOf({ beforeSeq: 100, limit: 2 })).toEqual([[10, 11], true, false]);
      });

      it('pages forwards after a seq', async () => {
        expect(await seqsOf({ afterSeq: 0, limit: 2 })).toEqual([[1, 2], false, true]);
        expect(await seqsOf({ afterSeq: 4, limit: 3 })).toEqual([[6, 7, 8], true, true]);
        expect(await seqsOf({ afterSeq: 8, limit: 10 })).toEqual([[9, 10, 11], true, false]);
        expect(await seqsOf({ afterSeq: 11, limit: 10 })).toEqual([[], true, false]);
      });

      it('returns the newest messages of a window between two seqs', async () => {
        expect(await seqsOf({ afterSeq: 2, beforeSeq: 9, limit: 3 })).toEqual([[6, 7, 8], true, true]);
        expect(await seqsOf({ afterSeq: 2, beforeSeq: 9, limit: 10 })).toEqual([[3, 4, 6, 7, 8], true, true]);
        expect(await seqsOf({ afterSeq: 0, beforeSeq: 12, limit: 10 })).toEqual([
          [1, 2, 3, 4, 6, 7, 8, 9, 10, 11],
          false,
          false,
        ]);
      });

      it('returns messages intact and by id', async () => {
        const { messages } = await store.history(conv.id, { limit: 1 });
        const m = messages[0]!;
        expect(m).toMatchObject({
          conversationId: conv.id,
          seq: 11,
          senderId: a,
          kind: 'TEXT',
          text: 'message 11',
          replyToId: null,
          editedAt: null,
          deletedAt: null,
        });
        expect(await store.getMessages([m.id, randomUUID()])).toEqual([m]);
      });

      it('lists stored events after a seq, ascending, limited', async () => {
        const events = await store.eventsAfter(conv.id, 3, 3);
        expect(events.map((e) => [e.seq, e.type])).toEqual([
          [4, 'MessageAdded'],
          [5, 'MemberJoined'],
          [6, 'MessageAdded'],
        ]);
        expect(events.every((e) => e.conversationId === conv.id && typeof e.createdAt === 'string')).toBe(true);
        expect((await store.eventsAfter(conv.id, 0, 1000)).map((e) => e.seq)).toEqual(
          Array.from({ length: 11 }, (_, i) => i + 1),
        );
        expect(await store.eventsAfter(conv.id, 11, 10)).toEqual([]);
        expect(await store.eventsAfter(randomUUID(), 0, 10)).toEqual([]);
      });
    });

    describe('reads', () => {
      it('counts unread TEXT messages from others above lastReadSeq only', async () => {
        const [a, b, outsider] = await users(3);
        const conv = await newConversation([a!, b!]);
        const other = await newConversation([a!, b!]);
        const a1 = await send(conv.id, a!); // 1
        await send(conv.id, a!); // 2
        await send(conv.id, b!); // 3
        await send(conv.id, null); // 4, SYSTEM
        await send(conv.id, a!); // 5
        await send(other.id, a!);
        expect(a1.seq).toBe(1);
        const counts = await store.unreadCounts(b!, [conv.id, other.id]);
        expect(counts.get(conv.id)).toBe(3);
        expect(counts.get(other.id)).toBe(1);
        expect((await store.unreadCounts(a!, [conv.id])).get(conv.id)).toBe(1);
        expect(await store.markRead(conv.id, b!, 2)).toMatchObject({ lastReadSeq: 2 });
        expect((await store.unreadCounts(b!, [conv.id])).get(conv.id)).toBe(1);
        expect(await store.markRead(conv.id, b!, 5)).toMatchObject({ lastReadSeq: 5 });
        expect((await store.unreadCounts(b!, [conv.id])).get(conv.id)).toBe(0);
        const none = await store.unreadCounts(outsider!, [conv.id]);
        expect(none.get(conv.id) ?? 0).toBe(0);
        expect((await store.unreadCounts(b!, [])).size).toBe(0);
      });

      it('markRead never lowers the marker, refuses seqs past lastSeq and ignores non-members', async () => {
        const [a, b, outsider] = await users(3);
        const conv = await newConversation([a!, b!]);
        for (let i = 0; i < 5; i++) await send(conv.id, a!);
        expect(await store.markRead(conv.id, b!, 4)).toMatchObject({ userId: b, lastReadSeq: 4, lastDeliveredSeq: 4 });
        expect(await store.markRead(conv.id, b!, 2)).toMatchObject({ lastReadSeq: 4, lastDeliveredSeq: 4 });
        expect(await store.markRead(conv.id, b!, 6)).toBe('tooHigh');
        expect(await store.markRead(conv.id, b!, 5)).toMatchObject({ lastReadSeq: 5 });
        expect(await store.markRead(conv.id, outsider!, 1)).toBeNull();
        expect(await store.markRead(randomUUID(), b!, 0)).toBeNull();
        const [m] = await store.getMemberships([{ conversationId: conv.id, userId: b! }]);
        expect(m).toMatchObject({ lastReadSeq: 5, lastDeliveredSeq: 5 });
      });
    });

    describe('listing', () => {
      it('lists conversations newest activity first, paging with a cursor without duplicates or misses', async () => {
        const [a, b] = await users(2);
        const convs: Conversation[] = [];
        const t0 = Date.now() - 60_000;
        for (let i = 0; i < 7; i++)
          convs.push(await newConversation([a!, b!], { at: new Date(t0 + i * 1000).toISOString() }));
        await newConversation([b!]); // not a's
        // Activity moves conversations 2 and 0 to the top, 0 newest.
        await send(convs[2]!.id, b!);
        await sleep(5);
        await send(convs[0]!.id, b!);
        const expected = [0, 2, 6, 5, 4, 3, 1].map((i) => convs[i]!.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<ConversationStore['listConversations']>> = await store.listConversations(
            a!,
            3,
            cursor,
          );
          expect(page.conversations.length).toBeLessThanOrEqual(3);
          seen.push(...page.conversations.map((c) => c.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(seen).toEqual(expected);
        expect(pages).toBe(3);
        const all = await store.listConversations(a!, 7, null);
        expect(all.conversations.map((c) => c.id)).toEqual(expected);
        expect(all.nextCursor).toBeNull();
        expect(all.conversations[0]).toMatchObject({ lastSeq: 1, memberCount: 2 });
      });

      it('pages through conversations with equal activity times by id', async () => {
        const [a] = await users(1);
        const at = new Date(Date.now() - 120_000).toISOString();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await newConversation([a!], { at })).id);
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 5; i++) {
          const page: Awaited<ReturnType<ConversationStore['listConversations']>> = await store.listConversations(
            a!,
            2,
            cursor,
          );
          seen.push(...page.conversations.map((c) => c.id));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual([...ids].sort().reverse());
      });

      it('rejects a malformed cursor', async () => {
        const [a] = await users(1);
        await newConversation([a!]);
        await expect(store.listConversations(a!, 2, 'not-a-cursor')).rejects.toMatchObject({
          name: 'InvalidCursorError',
        });
        const forged = Buffer.from(`${new Date().toISOString()}|not-an-id`).toString('base64url');
        await expect(store.listConversations(a!, 2, forged)).rejects.toMatchObject({ name: 'InvalidCursorError' });
      });

      it('pages members by join order', async () => {
        const ids = await users(5);
        const conv = await newConversation([ids[0]!]);
        const t0 = Date.now();
        // Two share a join time, so user id breaks the tie.
        const joins = [3000, 1000, 2000, 2000].map((ms) => new Date(t0 + ms).toISOString());
        await store.write(conv.id, (tx) =>
          tx.insertMembers(ids.slice(1).map((u, i) => member(conv.id, u, 'MEMBER', joins[i]))),
        );
        const tied = [ids[3]!, ids[4]!].sort();
        const expected = [ids[0], ids[2], ...tied, ids[1]];
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 5; i++) {
          const page = await store.listMembers(conv.id, 2, after);
          seen.push(...page.map((m) => m.userId));
          if (page.length < 2) break;
          after = page[page.length - 1]!.userId;
        }
        expect(seen).toEqual(expected);
        expect(await store.listMembers(conv.id, 10, ids[1]!)).toEqual([]);
        expect(await store.listMembers(conv.id, 10, randomUUID())).toEqual([]);
        expect((await get(conv.id)).memberCount).toBe(5);
      });

      it('maintains memberCount as members come and go', async () => {
        const [a, b, c, d] = await users(4);
        const conv = await newConversation([a!, b!]);
        await store.write(conv.id, (tx) => tx.insertMembers([member(conv.id, c!), member(conv.id, d!)]));
        expect((await get(conv.id)).memberCount).toBe(4);
        await store.write(conv.id, async (tx) => {
          await tx.deleteMember(b!);
          await tx.deleteMember(randomUUID());
        });
        expect((await get(conv.id)).memberCount).toBe(3);
        const listed = await store.listMembers(conv.id, 10, null);
        expect(listed).toHaveLength(3);
        expect(await store.conversationIdsOf(b!)).toEqual([]);
      });
    });
  });
}
