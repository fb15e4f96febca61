import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';
import type { Conversation } from '../conversations/conversation.model';

describe('message service: send', () => {
  let d: TestDomain;
  let a: string;
  let b: string;
  let conv: Conversation;
  beforeEach(async () => {
    d = createTestDomain();
    a = await d.user('a');
    b = await d.user('b');
    conv = await d.conversations.createGroup(a, { title: 'G', memberIds: [b] });
  });
  afterEach(() => d.dispose());

  const send = (
    viewer: string,
    text: string,
    o: { clientMessageId?: string; replyToId?: string | null; conversationId?: string } = {},
  ) =>
    d.messages.send(viewer, {
      conversationId: o.conversationId ?? conv.id,
      clientMessageId: o.clientMessageId ?? randomUUID(),
      text,
      ...(o.replyToId !== undefined ? { replyToId: o.replyToId } : {}),
    });

  it('stores a message at the next seq with one event, text trimmed', async () => {
    const m = await send(a, '  hello\r\n\tworld  ');
    expect(m).toMatchObject({ seq: 2, senderId: a, kind: 'TEXT', text: 'hello\n\tworld', conversationId: conv.id });
    const events = await d.storedEvents(conv.id);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'MessageAdded'],
      [2, 'MessageAdded'],
    ]);
    expect(events[1]).toMatchObject({ message: { id: m.id, sender: { id: a, displayName: 'a' } } });
  });

  it('returns the original message for a repeated clientMessageId and emits no new event', async () => {
    const first = await send(a, 'once', { clientMessageId: 'k1' });
    const again = await send(a, 'once', { clientMessageId: 'k1' });
    expect(again).toMatchObject({ id: first.id, seq: first.seq });
    expect(await d.storedEvents(conv.id)).toHaveLength(2);
    // Another sender may use the same key.
    expect((await send(b, 'once', { clientMessageId: 'k1' })).id).not.toBe(first.id);
  });

  it('refuses a repeated clientMessageId with different content as CONFLICT', async () => {
    const other = await d.conversations.createGroup(a, { title: 'Other', memberIds: [] });
    await send(a, 'original', { clientMessageId: 'k2' });
    await expect(send(a, 'changed', { clientMessageId: 'k2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(send(a, 'original', { clientMessageId: 'k2', conversationId: other.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await d.storedEvents(conv.id)).toHaveLength(2);
    expect(await d.storedEvents(other.id)).toHaveLength(1);
  });

  it('stores one message for concurrent sends with the same key', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => send(a, 'same', { clientMessageId: 'k3' })));
    expect(new Set(results.map((m) => m.id)).size).toBe(1);
    expect(new Set(results.map((m) => m.seq)).size).toBe(1);
    const events = await d.storedEvents(conv.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('gives concurrent sends gap-free seqs', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => send(i % 2 ? a : b, `m${i}`)));
    expect(results.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
  });

  it('counts text length in code points: 10,000 emoji fit, 10,001 do not', async () => {
    expect((await send(a, '😀'.repeat(10_000))).text).toHaveLength(20_000);
    await expect(send(a, '😀'.repeat(10_001))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { text: expect.any(String) },
    });
    await expect(send(a, 'x'.repeat(10_001))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { text: expect.any(String) },
    });
  });

  it('rejects bad input and stores nothing', async () => {
    const before = await d.storedEvents(conv.id);
    const other = await d.conversations.createGroup(b, { title: 'Other', memberIds: [] });
    const foreign = await send(b, 'elsewhere', { conversationId: other.id });
    const outsider = await d.user('out');
    const bad = (text: string) =>
      expect(send(a, text)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: { text: expect.any(String) } });
    await bad('');
    await bad(' \n\t ');
    await bad('bell\u0007');
    await bad('nul\u0000');
    await bad('esc\u001b[31m');
    await bad('c1\u0085');
    await bad('lone \uD83D surrogate');
    await expect(send(a, 'reply', { replyToId: foreign.id })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { replyToId: expect.any(String) },
    });
    await expect(send(a, 'reply', { replyToId: randomUUID() })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { replyToId: expect.any(String) },
    });
    await expect(send(a, 'hi', { clientMessageId: 'has space' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { clientMessageId: expect.any(String) },
    });
    await expect(send(outsider, 'hi')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(send(a, 'hi', { conversationId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await d.storedEvents(conv.id)).toEqual(before);
    const [stored] = await d.store.getConversations([conv.id]);
    expect(stored?.lastSeq).toBe(1);
    // A key that failed validation or authorization was not consumed.
    expect(await d.store.findByClientMessageId(outsider, 'has space')).toBeNull();
  });

  it('accepts a reply in the same conversation and embeds it in the event', async () => {
    const original = await send(b, 'question');
    const reply = await send(a, 'answer', { replyToId: original.id });
    expect(reply.replyToId).toBe(original.id);
    const events = await d.storedEvents(conv.id);
    expect(events.at(-1)).toMatchObject({ message: { replyTo: { id: original.id, text: 'question' } } });
  });

  it('pages history for members only, with limits checked', async () => {
    for (let i = 0; i < 5; i++) await send(a, `m${i}`);
    const page = await d.messages.history(b, { conversationId: conv.id, limit: 3 });
    expect(page.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(page.hasMoreBefore).toBe(true);
    const outsider = await d.user('out');
    await expect(d.messages.history(outsider, { conversationId: conv.id, limit: 3 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const limit of [0, 201, 1.5]) {
      await expect(d.messages.history(b, { conversationId: conv.id, limit })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { limit: expect.any(String) },
      });
    }
  });
});
