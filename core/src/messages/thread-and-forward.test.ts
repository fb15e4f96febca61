import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';

describe('threads and forwards', () => {
  let d: TestDomain;
  let ana: string;
  let ben: string;
  let groupId: string;
  beforeEach(async () => {
    d = createTestDomain();
    [ana, ben] = [await d.user('ana'), await d.user('ben')];
    groupId = (await d.conversations.createGroup(ana, { title: 'G', memberIds: [ben] })).id;
  });
  afterEach(() => d.dispose());
  const send = (from: string, text: string, o: { threadRootId?: string; conversationId?: string } = {}) =>
    d.messages.send(from, { conversationId: o.conversationId ?? groupId, clientMessageId: randomUUID(), text, ...o });

  it('a thread reply is its own event and updates its root’s summary in the same write', async () => {
    const root = await send(ana, 'root');
    const r1 = await send(ben, 'one', { threadRootId: root.id });
    await send(ana, 'two', { threadRootId: root.id });
    const events = (await d.storedEvents(groupId)).slice(-4);
    expect(events.map((e) => e.type)).toEqual(['MessageAdded', 'MessageUpdated', 'MessageAdded', 'MessageUpdated']);
    const [rootNow] = await d.store.getMessages([root.id]);
    expect(rootNow!.thread).toEqual({ replyCount: 2, lastReplyAt: expect.any(String), participantIds: [ben, ana] });
    const page = await d.messages.thread(ana, root.id, { limit: 50 });
    expect(page.messages.map((m) => m.text)).toEqual(['one', 'two']);
    expect((await d.history(ana)).messages.map((m) => m.id)).not.toContain(r1.id);
  });

  it('refuses a thread of a thread, a root elsewhere, and outsiders reading a thread', async () => {
    const root = await send(ana, 'root');
    const reply = await send(ben, 'one', { threadRootId: root.id });
    await expect(send(ana, 'x', { threadRootId: reply.id })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const other = await d.conversations.createGroup(ana, { title: 'Other', memberIds: [] });
    await expect(send(ana, 'x', { threadRootId: root.id, conversationId: other.id })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const outsider = await d.user('out');
    await expect(d.messages.thread(outsider, root.id, { limit: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('forwards to each conversation as a new message with the original sender’s name, idempotently', async () => {
    const source = await send(ben, 'look at this');
    const dm = await d.conversations.openDirect(ana, ben);
    const other = await d.conversations.createGroup(ana, { title: 'Other', memberIds: [] });
    const copies = await d.forwards.forward(ana, source.id, [dm.id, other.id]);
    expect(copies.map((c) => [c.conversationId, c.senderId, c.text])).toEqual([
      [dm.id, ana, 'look at this'],
      [other.id, ana, 'look at this'],
    ]);
    expect(copies[0]!.forwardedFrom).toEqual({ originalSenderName: 'ben', originalSentAt: source.createdAt });
    const again = await d.forwards.forward(ana, source.id, [dm.id]);
    expect(again[0]!.id).toBe(copies[0]!.id);
    // A forward of a forward names the first sender.
    const relay = await d.forwards.forward(ana, copies[1]!.id, [groupId]);
    expect(relay[0]!.forwardedFrom?.originalSenderName).toBe('ben');
  });

  it('refuses forwarding into a conversation the viewer is not in, writing nothing', async () => {
    const source = await send(ben, 'x');
    const theirs = await d.conversations.createGroup(ben, { title: 'Bens', memberIds: [] });
    const mine = await d.conversations.createGroup(ana, { title: 'Anas', memberIds: [] });
    await expect(d.forwards.forward(ana, source.id, [mine.id, theirs.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await d.storedEvents(mine.id)).map((e) => e.type)).toEqual(['MessageAdded']);
    await expect(d.forwards.forward(ana, source.id, [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
