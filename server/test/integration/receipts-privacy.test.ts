import { expect, it } from 'vitest';
import { describeOnEachDatabase, ok } from '../support/chat';
import type { TestUser } from '../support/users';

describeOnEachDatabase('read receipts turned off', (t) => {
  const receiptOf = async (u: TestUser, conversationId: string, messageId: string) =>
    (
      await ok(
        t.call(
          u,
          `query($c: ID!) { messages(conversationId: $c) { messages { id receipt { status deliveredCount readCount recipientCount } } } }`,
          { c: conversationId },
        ),
      )
    ).messages.find((m: any) => m.id === messageId).receipt;
  const readerIds = async (u: TestUser, messageId: string) =>
    (await ok(t.call(u, `query($m: ID!) { messageReaders(messageId: $m) { user { id } } }`, { m: messageId }))).map(
      (r: any) => r.user.id,
    );
  /** `whose` lastReadSeq as `viewer` sees it in the member list. */
  const lastReadSeqOf = async (viewer: TestUser, conversationId: string, whose: TestUser) =>
    (await t.conversation(viewer, conversationId, 'members { user { id } lastReadSeq lastDeliveredSeq }')).members.find(
      (m: any) => m.user.id === whose.id,
    ).lastReadSeq;
  const privacy = async (u: TestUser) => (await ok(t.call(u, `{ me { privacy { readReceipts } } }`))).privacy;

  it('makes a reader’s reads count for nobody else, while they keep their own unread state', async () => {
    const [a, b, c] = await t.users(3, 'priv');
    const g = await t.group(a!, [b!, c!]);
    expect(await privacy(b!)).toEqual({ readReceipts: true });
    expect(await t.readReceipts(b!, false)).toEqual({ readReceipts: false });
    expect(await privacy(b!)).toEqual({ readReceipts: false });
    const m = await t.send(a!, g, 'did you read it?');
    const [subA, subB] = [t.subscribe(a!, g, m.seq), t.subscribe(b!, g, m.seq)];

    await Promise.all([ok(t.markRead(b!, g, m.seq)), ok(t.markRead(c!, g, m.seq))]);
    expect((await t.conversation(b!, g)).unreadCount).toBe(0);
    const [seenByA, seenByB] = [await t.eventAt(subA, m.seq + 1), await t.eventAt(subB, m.seq + 1)];
    expect(seenByA.readers).toContainEqual({ userId: b!.id, lastReadSeq: 0, lastDeliveredSeq: m.seq });
    expect(seenByA.readers).toContainEqual({ userId: c!.id, lastReadSeq: m.seq, lastDeliveredSeq: m.seq });
    expect(seenByB.readers).toContainEqual({ userId: b!.id, lastReadSeq: m.seq, lastDeliveredSeq: m.seq });
    const replayed = (await t.replay(c!, g, m.seq))[0];
    expect(replayed.readers).toContainEqual({ userId: b!.id, lastReadSeq: 0, lastDeliveredSeq: m.seq });

    expect(await lastReadSeqOf(a!, g, b!)).toBe(0);
    expect(await lastReadSeqOf(c!, g, b!)).toBe(0);
    expect(await lastReadSeqOf(b!, g, b!)).toBe(m.seq);
    expect(await receiptOf(a!, g, m.id)).toEqual({
      status: 'DELIVERED',
      deliveredCount: 2,
      readCount: 1,
      recipientCount: 2,
    });
    expect(await readerIds(a!, m.id)).toEqual([c!.id]);

    // Turned on again, the reads count.
    await t.readReceipts(b!, true);
    expect(await lastReadSeqOf(a!, g, b!)).toBe(m.seq);
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'READ', readCount: 2 });
    expect((await readerIds(a!, m.id)).sort()).toEqual([b!.id, c!.id].sort());
  });

  it('shows a sender who turned them off no read state on their own messages', async () => {
    const [a, b] = await t.users(2, 'priv');
    const g = await t.group(a!, [b!]);
    const dm = await t.direct(a!, b!);
    await t.readReceipts(a!, false);
    const inGroup = await t.send(a!, g, 'read?');
    const inDm = await t.send(a!, dm, 'read?');
    await ok(t.markRead(b!, g, inGroup.seq));
    await ok(t.markRead(b!, dm, inDm.seq));

    for (const [c, m] of [
      [g, inGroup],
      [dm, inDm],
    ] as const) {
      expect(await receiptOf(a!, c, m.id)).toEqual({
        status: 'DELIVERED',
        deliveredCount: 1,
        readCount: 0,
        recipientCount: 1,
      });
      expect(await readerIds(a!, m.id)).toEqual([]);
    }
    // Their own reads are hidden too.
    await ok(t.markRead(a!, dm, inDm.seq));
    expect(await lastReadSeqOf(b!, dm, a!)).toBe(0);
    // Updating other privacy settings without the argument leaves it off.
    await ok(
      t.call(
        a,
        `mutation { updatePrivacy(presenceVisibility: CONTACTS, lastSeenVisibility: NOBODY) { readReceipts } }`,
      ),
    );
    expect(await privacy(a!)).toEqual({ readReceipts: false });

    await t.readReceipts(a!, true);
    expect(await receiptOf(a!, dm, inDm.id)).toMatchObject({ status: 'READ', readCount: 1 });
    expect(await readerIds(a!, inGroup.id)).toEqual([b!.id]);
  });

  it('applies to conversations joined after it was turned off', async () => {
    const [a, b] = await t.users(2, 'priv');
    await t.readReceipts(b!, false);
    const g = await t.group(a!, [b!]);
    const m = await t.send(a!, g, 'new group');
    await ok(t.markRead(b!, g, m.seq));
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'DELIVERED', readCount: 0 });
    expect(await lastReadSeqOf(a!, g, b!)).toBe(0);
  });
});
