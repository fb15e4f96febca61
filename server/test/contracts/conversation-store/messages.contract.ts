import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuplicateClientMessageIdError, type Conversation } from '@parley/core';
import type { ContractHelpers } from './fixture';

/** Idempotent sends, history windows and the stored event log. */
export function messagesContract(h: ContractHelpers): void {
  const { users, newConversation, addMessage, send, get } = h;

  it('makes a message, but not a thread reply, the conversation’s last message', async () => {
    const [a] = await users(1);
    const conv = await newConversation([a!]);
    const root = await send(conv.id, a!);
    await h.store().write(conv.id, (tx) => addMessage(tx, a!, { threadRootId: root.id }));
    expect(await get(conv.id)).toMatchObject({ lastSeq: 2, lastMessageId: root.id });
  });

  it('stores attachments and a location with the message, and what changes of them', async () => {
    const [a] = await users(1);
    const conv = await newConversation([a!]);
    const file = {
      id: randomUUID(),
      kind: 'AUDIO' as const,
      filename: 'voice.webm',
      contentType: 'audio/webm',
      byteSize: 1234,
      blobKey: 'uploads/x',
      thumbnailKey: null,
      width: null,
      height: null,
      durationMs: 2500,
    };
    const place = { latitude: 52.52, longitude: -13.405, label: 'Café ☕' };
    const sent = (await h.store().write(conv.id, (tx) => addMessage(tx, a!, { attachments: [file] })))!.result;
    const pinned = (await h.store().write(conv.id, (tx) => addMessage(tx, a!, { location: place })))!.result;
    expect((await h.store().getMessages([sent.id, pinned.id])).map((m) => [m.attachments, m.location])).toEqual(
      expect.arrayContaining([
        [[file], null],
        [[], place],
      ]),
    );
    await h
      .store()
      .write(conv.id, (tx) =>
        tx.saveMessage({ ...sent, attachments: [] }, { sender: null, replyTo: null, mentions: [] }),
      );
    expect((await h.store().getMessages([sent.id]))[0]!.attachments).toEqual([]);
  });

  it('finds a user’s first MemberLeft in a window of the event log', async () => {
    const [a, b, c] = await users(3);
    const conv = await newConversation([a!, b!, c!]);
    const left = (userId: string) =>
      h.store().write(conv.id, (tx) => tx.appendEvent(() => ({ type: 'MemberLeft', userId, user: null })));
    await send(conv.id, a!); // 1
    await left(c!); // 2
    await left(b!); // 3
    await send(conv.id, a!); // 4
    await left(b!); // 5, after rejoining
    const seqOf = (userId: string, after: number, upTo: number) =>
      h.store().memberLeftSeq(conv.id, userId, after, upTo);
    expect(await seqOf(b!, 0, 10)).toBe(3);
    expect(await seqOf(b!, 3, 10)).toBe(5);
    expect(await seqOf(b!, 0, 2)).toBeNull();
    expect(await seqOf(b!, 5, 10)).toBeNull();
    expect(await seqOf(a!, 0, 10)).toBeNull();
    expect(await h.store().memberLeftSeq(randomUUID(), b!, 0, 10)).toBeNull();
  });

  describe('clientMessageId idempotency', () => {
    it('rejects a clashing (senderId, clientMessageId) and keeps the transaction usable', async () => {
      const [a, b] = await users(2);
      const conv = await newConversation([a!, b!]);
      const first = await send(conv.id, a!, { clientMessageId: 'key-1' });
      expect((await h.store().findByClientMessageId(a!, 'key-1'))?.id).toBe(first.id);
      expect(await h.store().findByClientMessageId(b!, 'key-1')).toBeNull();
      const res = await h.store().write(conv.id, async (tx) => {
        await expect(addMessage(tx, a!, { clientMessageId: 'key-1' })).rejects.toBeInstanceOf(
          DuplicateClientMessageIdError,
        );
        // The failed append left nothing behind, and the same seq is still free.
        expect(tx.conversation.lastSeq).toBe(1);
        return addMessage(tx, a!, { clientMessageId: 'key-2' });
      });
      expect(res!.result.seq).toBe(2);
      expect((await h.store().findByClientMessageId(a!, 'key-1'))?.id).toBe(first.id);
      expect((await h.store().findByClientMessageId(a!, 'key-2'))?.id).toBe(res!.result.id);
      expect((await h.store().eventsAfter(conv.id, 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
      const page = await h.store().history(conv.id, { limit: 10 });
      expect(page.messages.map((m) => m.clientMessageId)).toEqual(['key-1', 'key-2']);
      // The same key from another sender is fine.
      expect((await send(conv.id, b!, { clientMessageId: 'key-1' })).seq).toBe(3);
    });

    it('rolls the whole write back when the clash propagates', async () => {
      const [a] = await users(1);
      const conv = await newConversation([a!]);
      await send(conv.id, a!, { clientMessageId: 'dup' });
      const before = await get(conv.id);
      await expect(send(conv.id, a!, { clientMessageId: 'dup' })).rejects.toBeInstanceOf(DuplicateClientMessageIdError);
      expect(await get(conv.id)).toEqual(before);
      expect((await h.store().eventsAfter(conv.id, 0, 10)).map((e) => e.seq)).toEqual([1]);
    });

    it('rejects a clash within one transaction and across conversations', async () => {
      const [a] = await users(1);
      const c1 = await newConversation([a!]);
      const c2 = await newConversation([a!]);
      await expect(
        h.store().write(c1.id, async (tx) => {
          await addMessage(tx, a!, { clientMessageId: 'same' });
          await addMessage(tx, a!, { clientMessageId: 'same' });
        }),
      ).rejects.toBeInstanceOf(DuplicateClientMessageIdError);
      expect(await h.store().findByClientMessageId(a!, 'same')).toBeNull();
      await send(c1.id, a!, { clientMessageId: 'same' });
      await expect(send(c2.id, a!, { clientMessageId: 'same' })).rejects.toBeInstanceOf(DuplicateClientMessageIdError);
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
      await h.join(conv.id, y!);
      for (let i = 0; i < 6; i++) await send(conv.id, a);
    });
    const seqsOf = async (range: { beforeSeq?: number | null; afterSeq?: number | null; limit: number }) => {
      const p = await h.store().history(conv.id, range);
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
      const { messages } = await h.store().history(conv.id, { limit: 1 });
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
      expect(await h.store().getMessages([m.id, randomUUID()])).toEqual([m]);
    });

    it('lists stored events after a seq, ascending, limited', async () => {
      const events = await h.store().eventsAfter(conv.id, 3, 3);
      expect(events.map((e) => [e.seq, e.type])).toEqual([
        [4, 'MessageAdded'],
        [5, 'MemberJoined'],
        [6, 'MessageAdded'],
      ]);
      expect(events.every((e) => e.conversationId === conv.id && typeof e.createdAt === 'string')).toBe(true);
      expect((await h.store().eventsAfter(conv.id, 0, 1000)).map((e) => e.seq)).toEqual(
        Array.from({ length: 11 }, (_, i) => i + 1),
      );
      expect(await h.store().eventsAfter(conv.id, 11, 10)).toEqual([]);
      expect(await h.store().eventsAfter(randomUUID(), 0, 10)).toEqual([]);
    });
  });
}
