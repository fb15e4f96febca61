import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snapshot, type ContractHelpers } from './fixture';

/** Creating conversations with their founding members, and writes under the conversation's lock. */
export function createAndWriteContract(h: ContractHelpers): void {
  const { users, newConversation, addMessage, send, get } = h;

  describe('create', () => {
    it('stores the conversation with its founding members, who have read nothing and joined at seq 0', async () => {
      const [a, b, c] = await users(3);
      const conv = await newConversation([a!, b!, c!]);
      expect(conv).toMatchObject({ kind: 'GROUP', title: 'Group', lastSeq: 0, memberCount: 3, lastMessageId: null });
      expect(conv.lastActivityAt).toBe(conv.createdAt);
      expect(await get(conv.id)).toEqual(conv);
      const ms = await h.store().getMemberships([
        { conversationId: conv.id, userId: a! },
        { conversationId: conv.id, userId: c! },
        { conversationId: conv.id, userId: randomUUID() },
        { conversationId: randomUUID(), userId: a! },
      ]);
      expect(ms.map((m) => [m.userId, m.role, m.joinedSeq, m.lastReadSeq, m.joinedAt]).sort()).toEqual(
        [
          [a, 'OWNER', 0, 0, conv.createdAt],
          [c, 'MEMBER', 0, 0, conv.createdAt],
        ].sort(),
      );
      expect(await h.store().conversationIdsOf(b!)).toEqual([conv.id]);
      expect(await h.store().getConversations([randomUUID()])).toEqual([]);
    });

    it('runs fn in the creating transaction and returns its result', async () => {
      const [a, b] = await users(2);
      const id = randomUUID();
      const res = await h
        .store()
        .create(
          { id, kind: 'GROUP', title: 'T', description: 'D', createdAt: new Date().toISOString(), directKey: null },
          [{ userId: a!, role: 'OWNER' }],
          async (tx) => {
            await tx.addMember(b!, 'MEMBER', snapshot(b!));
            return (await addMessage(tx, null)).id;
          },
        );
      expect(res.created).toBe(true);
      if (!res.created) return;
      expect(res.conversation).toMatchObject({
        lastSeq: 2,
        memberCount: 2,
        lastMessageId: res.result,
        description: 'D',
      });
      expect(await get(id)).toMatchObject({ lastSeq: 2, memberCount: 2, lastMessageId: res.result });
      expect((await h.store().eventsAfter(id, 0, 10)).map((e) => [e.seq, e.type])).toEqual([
        [1, 'MemberJoined'],
        [2, 'MessageAdded'],
      ]);
    });

    it('returns the existing DIRECT conversation for a known directKey and writes nothing', async () => {
      const [a, b] = await users(2);
      const key = [a, b].sort().join(':');
      const first = await newConversation([a!, b!], { kind: 'DIRECT', directKey: key });
      let ran = false;
      const id = randomUUID();
      const again = await h.store().create(
        { id, kind: 'DIRECT', title: null, description: null, createdAt: new Date().toISOString(), directKey: key },
        [
          { userId: a!, role: 'MEMBER' },
          { userId: b!, role: 'MEMBER' },
        ],
        async () => {
          ran = true;
        },
      );
      expect(again.created).toBe(false);
      expect(again.conversation.id).toBe(first.id);
      expect(ran).toBe(false);
      expect(await h.store().getConversations([id])).toEqual([]);
      expect((await h.store().conversationIdsOf(a!)).filter((c) => c === first.id)).toHaveLength(1);
    });

    it('creates one conversation when two creates race on the same directKey', async () => {
      const [a, b] = await users(2);
      const key = [a, b].sort().join(':');
      const make = () =>
        h.store().create(
          {
            id: randomUUID(),
            kind: 'DIRECT',
            title: null,
            description: null,
            createdAt: new Date().toISOString(),
            directKey: key,
          },
          [
            { userId: a!, role: 'MEMBER' },
            { userId: b!, role: 'MEMBER' },
          ],
          async () => 'made',
        );
      const [r1, r2] = await Promise.all([make(), make()]);
      expect([r1.created, r2.created].sort()).toEqual([false, true]);
      expect(r1.conversation.id).toBe(r2.conversation.id);
      expect(await h.store().conversationIdsOf(a!)).toEqual([r1.conversation.id]);
    });

    it('rolls back a create whose fn throws', async () => {
      const [a] = await users(1);
      const id = randomUUID();
      await expect(
        h
          .store()
          .create(
            { id, kind: 'GROUP', title: 'T', description: null, createdAt: new Date().toISOString(), directKey: null },
            [{ userId: a!, role: 'OWNER' }],
            async (tx) => {
              await addMessage(tx, null);
              throw new Error('boom');
            },
          ),
      ).rejects.toThrow('boom');
      expect(await h.store().getConversations([id])).toEqual([]);
      expect(await h.store().conversationIdsOf(a!)).toEqual([]);
    });
  });

  describe('write', () => {
    it('resolves to null for an unknown conversation without running fn', async () => {
      let ran = false;
      const out = await h.store().write(randomUUID(), async () => {
        ran = true;
      });
      expect(out).toBeNull();
      expect(ran).toBe(false);
    });

    it('hands out seqs 1..N gap-free in commit order under 50 concurrent writes', async () => {
      const [a, b] = await users(2);
      const conv = await newConversation([a!, b!]);
      const order: number[] = [];
      const sent = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          h.store().write(conv.id, async (tx) => {
            const m = await addMessage(tx, i % 2 ? a! : b!);
            order.push(m.seq);
            return m;
          }),
        ),
      );
      const seqs = sent.map((r) => r!.result.seq);
      const oneTo50 = Array.from({ length: 50 }, (_, i) => i + 1);
      expect([...seqs].sort((x, y) => x - y)).toEqual(oneTo50);
      expect(order).toEqual(oneTo50);
      const events = await h.store().eventsAfter(conv.id, 0, 100);
      expect(events.map((e) => e.seq)).toEqual(oneTo50);
      for (const e of events) {
        expect(e.type).toBe('MessageAdded');
        if (e.type === 'MessageAdded') expect(e.message.seq).toBe(e.seq);
      }
      const page = await h.store().history(conv.id, { limit: 200 });
      expect(page.messages.map((m) => m.seq)).toEqual(oneTo50);
      expect(await get(conv.id)).toMatchObject({ lastSeq: 50, lastMessageId: page.messages[49]!.id });
    });

    it('stores a message with its event, the event carrying the embeds and the message not', async () => {
      const [a] = await users(1);
      const conv = await newConversation([a!]);
      const res = await h.store().write(conv.id, (tx) =>
        tx.appendMessage({
          id: randomUUID(),
          clientMessageId: 'k',
          senderId: a!,
          kind: 'TEXT',
          text: 'hi',
          format: 'PLAIN',
          replyToId: null,
          threadRootId: null,
          forwardedFrom: null,
          mentionIds: [],
          attachments: [],
          location: null,
          sender: snapshot(a!),
          replyTo: null,
          mentions: [],
        }),
      );
      const { message, event } = res!.result;
      expect(message).toMatchObject({ seq: 1, text: 'hi', editedAt: null, deletedAt: null });
      expect(message.createdAt).toBe(event.createdAt);
      expect(event).toMatchObject({ type: 'MessageAdded', seq: 1, message: { id: message.id, sender: { id: a } } });
      expect(await h.store().getMessages([message.id])).toEqual([message]);
      expect(await h.store().eventsAfter(conv.id, 0, 10)).toEqual([event]);
    });

    it('stores nothing when fn throws: no event, no message, lastSeq and members unchanged', async () => {
      const [a, b, c] = await users(3);
      const conv = await newConversation([a!, b!]);
      await send(conv.id, a!);
      const before = await get(conv.id);
      let messageId = '';
      await expect(
        h.store().write(conv.id, async (tx) => {
          messageId = (await addMessage(tx, a!)).id;
          await tx.addMember(c!, 'MEMBER', snapshot(c!));
          await tx.deleteMember(b!);
          await tx.setMemberRole(a!, 'ADMIN');
          await tx.updateConversation({ title: 'Renamed' });
          expect(tx.conversation.lastSeq).toBe(3);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await get(conv.id)).toEqual(before);
      expect(await h.store().eventsAfter(conv.id, 1, 10)).toEqual([]);
      expect(await h.store().getMessages([messageId])).toEqual([]);
      const ms = await h.store().getMemberships([a!, b!, c!].map((userId) => ({ conversationId: conv.id, userId })));
      expect(ms.map((m) => `${m.userId}:${m.role}`).sort()).toEqual([`${a}:OWNER`, `${b}:MEMBER`].sort());
      // The next write still gets the next seq.
      expect((await send(conv.id, a!)).seq).toBe(2);
    });

    it('sees its own uncommitted changes inside the transaction', async () => {
      const [a, b, c] = await users(3);
      const conv = await newConversation([a!, b!]);
      await h.store().write(conv.id, async (tx) => {
        const { member, event } = await tx.addMember(c!, 'MEMBER', snapshot(c!));
        expect(member).toMatchObject({ userId: c, joinedSeq: 1, lastReadSeq: 0, joinedAt: event.createdAt });
        expect(event).toMatchObject({ type: 'MemberJoined', seq: 1, member: { userId: c, user: { id: c } } });
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
        expect(tx.conversation.lastMessageId).toBe(m.id);
      });
      expect(await get(conv.id)).toMatchObject({ memberCount: 2, lastSeq: 2 });
    });

    it('updates title and description', async () => {
      const [a] = await users(1);
      const conv = await newConversation([a!]);
      await h.store().write(conv.id, async (tx) => {
        await tx.updateConversation({ title: 'New' });
        expect(tx.conversation.title).toBe('New');
      });
      await h.store().write(conv.id, (tx) => tx.updateConversation({ description: 'About' }));
      expect(await get(conv.id)).toMatchObject({ title: 'New', description: 'About' });
      await h.store().write(conv.id, (tx) => tx.updateConversation({ description: null }));
      expect(await get(conv.id)).toMatchObject({ title: 'New', description: null });
    });

    it('finds the oldest member by role, in join order, for ownership hand-over', async () => {
      const [a, b, c, d] = await users(4);
      const conv = await newConversation([a!]);
      await h.join(conv.id, b!, d!, c!);
      await h.store().write(conv.id, async (tx) => {
        await tx.setMemberRole(c!, 'ADMIN');
        await tx.setMemberRole(d!, 'ADMIN');
      });
      await h.store().write(conv.id, async (tx) => {
        expect((await tx.oldestMember('ADMIN', a!))?.userId).toBe(d);
        expect((await tx.oldestMember('ADMIN', d!))?.userId).toBe(c);
        expect((await tx.oldestMember(null, a!))?.userId).toBe(b);
        expect(await tx.oldestMember('OWNER', a!)).toBeNull();
      });
    });
  });
}
