import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';

describe('receipts', () => {
  let d: TestDomain;
  let ana: string;
  let ben: string;
  let cy: string;
  let groupId: string;
  beforeEach(async () => {
    d = createTestDomain();
    [ana, ben, cy] = [await d.user('ana'), await d.user('ben'), await d.user('cy')];
    groupId = (await d.conversations.createGroup(ana, { title: 'G', memberIds: [ben, cy] })).id;
  });
  afterEach(() => d.dispose());
  const send = (from: string, text: string) =>
    d.messages.send(from, { conversationId: groupId, clientMessageId: randomUUID(), text });
  const receipt = async (viewerId: string, id: string) => {
    const [m] = await d.store.getMessages([id]);
    return (await d.receipts.receiptsFor(viewerId, [m!]))[0];
  };

  it('goes SENT, DELIVERED when every recipient has it, READ when every recipient read it', async () => {
    const m = await send(ana, 'hi');
    expect(await receipt(ana, m.id)).toEqual({ status: 'SENT', deliveredCount: 0, readCount: 0, recipientCount: 2 });
    await d.receipts.markDelivered(ben, groupId, m.seq);
    await d.receipts.markDelivered(cy, groupId, m.seq);
    expect(await receipt(ana, m.id)).toMatchObject({ status: 'DELIVERED', deliveredCount: 2, readCount: 0 });
    await d.receipts.markRead(ben, groupId, m.seq);
    expect(await receipt(ana, m.id)).toMatchObject({ status: 'DELIVERED', readCount: 1 });
    await d.receipts.markRead(cy, groupId, m.seq);
    expect(await receipt(ana, m.id)).toMatchObject({ status: 'READ', readCount: 2 });
    expect(await receipt(ben, m.id)).toBeNull();
  });

  it('counts only members who were there when it was sent', async () => {
    const m = await send(ana, 'before dee');
    const dee = await d.user('dee');
    await d.conversations.addMembers(ana, groupId, [dee]);
    expect((await receipt(ana, m.id))?.recipientCount).toBe(2);
  });

  it('read receipts off: the reader counts for nobody, and a sender who turned them off sees no read state', async () => {
    const m = await send(ana, 'hi');
    await d.presence.updatePrivacy(ben, 'EVERYONE', 'EVERYONE', false);
    await d.receipts.markRead(ben, groupId, m.seq);
    await d.receipts.markRead(cy, groupId, m.seq);
    expect(await receipt(ana, m.id)).toMatchObject({ status: 'DELIVERED', deliveredCount: 2, readCount: 1 });
    expect((await d.receipts.readers(ana, m.id, 10, null)).map((r) => r.userId)).toEqual([cy]);
    await d.presence.updatePrivacy(ana, 'EVERYONE', 'EVERYONE', false);
    expect(await receipt(ana, m.id)).toMatchObject({ status: 'DELIVERED', readCount: 0 });
    expect(await d.receipts.readers(ana, m.id, 10, null)).toEqual([]);
  });

  it('lists readers of own messages only, in join order, paged', async () => {
    const m = await send(ana, 'hi');
    for (const u of [cy, ben]) await d.receipts.markRead(u, groupId, m.seq);
    const first = await d.receipts.readers(ana, m.id, 1, null);
    const rest = await d.receipts.readers(ana, m.id, 10, first[0]!.userId);
    expect([...first, ...rest].map((r) => r.userId).sort()).toEqual([ben, cy].sort());
    await expect(d.receipts.readers(ben, m.id, 10, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(d.receipts.readers(await d.user('out'), m.id, 10, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('markers only move forward and never past the newest event', async () => {
    const m = await send(ana, 'hi');
    await d.receipts.markRead(ben, groupId, m.seq);
    expect(await d.receipts.markDelivered(ben, groupId, 1)).toMatchObject({
      lastReadSeq: m.seq,
      lastDeliveredSeq: m.seq,
    });
    await expect(d.receipts.markRead(ben, groupId, m.seq + 1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(d.receipts.markRead(await d.user('out'), groupId, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('announces moved markers in one ReceiptsUpdated, and nothing when nothing moved', async () => {
    const m = await send(ana, 'hi');
    await d.receipts.markRead(ben, groupId, m.seq);
    await d.receipts.markDelivered(cy, groupId, m.seq);
    await d.announceReceipts(groupId);
    await d.announceReceipts(groupId);
    const receipts = (await d.storedEvents(groupId)).filter((e) => e.type === 'ReceiptsUpdated');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      readers: [
        { userId: ben, lastReadSeq: m.seq, lastDeliveredSeq: m.seq, readReceipts: true },
        { userId: cy, lastReadSeq: 0, lastDeliveredSeq: m.seq, readReceipts: true },
      ].sort((x, y) => (x.userId < y.userId ? -1 : 1)),
    });
  });
});
