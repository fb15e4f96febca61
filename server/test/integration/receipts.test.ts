import { expect, it } from 'vitest';
import { describeOnEachDatabase, expectSeqs, failure, ok } from '../support/chat';
import type { TestUser } from '../support/users';

const RECEIPT = 'receipt { status deliveredCount readCount recipientCount }';
const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
const byUserId = (x: { userId: string }, y: { userId: string }) => byId({ id: x.userId }, { id: y.userId });

describeOnEachDatabase('read and delivery receipts', (t) => {
  const receiptOf = async (u: TestUser, conversationId: string, messageId: string) =>
    (
      await ok(
        t.call(u, `query($c: ID!) { messages(conversationId: $c, limit: 200) { messages { id ${RECEIPT} } } }`, {
          c: conversationId,
        }),
      )
    ).messages.find((m: any) => m.id === messageId).receipt;
  const readers = (u: TestUser, messageId: string, args = '') =>
    t.call(u, `query($m: ID!) { messageReaders(messageId: $m${args}) { user { id } lastReadSeq } }`, { m: messageId });
  const markers = async (u: TestUser, conversationId: string) =>
    Object.fromEntries(
      (await t.conversation(u, conversationId, 'members { user { id } lastReadSeq lastDeliveredSeq }')).members.map(
        (m: any) => [m.user.id, [m.lastReadSeq, m.lastDeliveredSeq]],
      ),
    );

  it('moves markers forward only, up to the conversation’s lastSeq, for members only', async () => {
    const [a, b, outsider] = await t.users(3);
    const g = await t.group(a!, [b!]);
    for (const text of ['one', 'two', 'three']) await t.send(a!, g, text);
    expect((await t.conversation(b!, g)).unreadCount).toBe(3);

    expect(await ok(t.markRead(b!, g, 3))).toEqual({ lastReadSeq: 3, lastDeliveredSeq: 3 });
    expect(await ok(t.markRead(b!, g, 2))).toEqual({ lastReadSeq: 3, lastDeliveredSeq: 3 });
    expect(await ok(t.markDelivered(b!, g, 4))).toEqual({ lastReadSeq: 3, lastDeliveredSeq: 4 });
    expect(await ok(t.markDelivered(b!, g, 1))).toEqual({ lastReadSeq: 3, lastDeliveredSeq: 4 });
    expect((await t.conversation(b!, g)).unreadCount).toBe(1);
    expect((await markers(a!, g))[b!.id]).toEqual([3, 4]);

    // Far past lastSeq: the ReceiptsUpdated events these calls cause take the next seqs, later on a slow machine.
    const tooHigh = await failure(t.markRead(b!, g, 1000));
    expect(tooHigh).toMatchObject({ code: 'BAD_USER_INPUT', fields: { seq: expect.any(String) } });
    expect((await failure(t.markDelivered(b!, g, -1))).code).toBe('BAD_USER_INPUT');
    expect((await failure(t.markRead(outsider!, g, 1))).code).toBe('NOT_FOUND');
    expect((await failure(t.markDelivered(outsider!, g, 1))).code).toBe('NOT_FOUND');
    expect((await failure(t.markRead(b!, 'nope', 1))).code).toBe('NOT_FOUND');
    expect((await markers(a!, g))[b!.id]).toEqual([3, 4]);
  });

  it('announces the markers that moved in one ReceiptsUpdated at a time, at most one a second, replayed on resume', async () => {
    const [a, b, c] = await t.users(3, 'rc');
    const g = await t.group(a!, [b!, c!]);
    for (const text of ['one', 'two', 'three']) await t.send(a!, g, text);
    const live = t.subscribe(a!, g, 4);

    // Announced a second after the first move: these three land well within it.
    await Promise.all([ok(t.markRead(b!, g, 2)).then(() => ok(t.markRead(b!, g, 4))), ok(t.markDelivered(c!, g, 3))]);
    const first = await t.eventAt(live, 5);
    expect(first).toMatchObject({ __typename: 'ReceiptsUpdated', conversationId: g });
    // Founders of a group joined together; among them, join order is by user id.
    expect(first.readers).toEqual(
      [
        { userId: b!.id, lastReadSeq: 4, lastDeliveredSeq: 4 },
        { userId: c!.id, lastReadSeq: 0, lastDeliveredSeq: 3 },
      ].sort(byUserId),
    );

    await ok(t.markRead(c!, g, 4));
    // Calls that move nothing are not announced.
    await ok(t.markRead(b!, g, 1));
    await ok(t.markDelivered(b!, g, 3));
    const second = await t.eventAt(live, 6);
    expect(second.readers).toEqual([{ userId: c!.id, lastReadSeq: 4, lastDeliveredSeq: 4 }]);
    await ok(t.markRead(b!, g, 6));
    const third = await t.eventAt(live, 7);
    expect(third.readers).toEqual([{ userId: b!.id, lastReadSeq: 6, lastDeliveredSeq: 6 }]);
    expectSeqs(live, 5, 7);

    // At least a second between announcements, by the times they were stored.
    const times = await t.sql<{ at: Date }>(
      `SELECT created_at AS at FROM conversation_events WHERE conversation_id = $1 AND type = 'ReceiptsUpdated' ORDER BY seq`,
      [g],
    );
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]!.at.getTime() - times[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(1000);
    }
    // A client resuming from before them gets the same events.
    const replayed = await t.replay(c!, g, 4);
    expect(replayed.map((e) => [e.seq, e.__typename, e.readers])).toEqual(
      live.events.map((e) => [e.seq, e.__typename, e.readers]),
    );
  });

  it('shows the sender how far each of their messages got, counting those who were members when it was sent', async () => {
    const [a, b, c, d] = await t.users(4, 'st');
    const g = await t.group(a!, [b!, c!]);
    const m = await t.send(a!, g, 'status?');
    expect(await receiptOf(a!, g, m.id)).toEqual({
      status: 'SENT',
      deliveredCount: 0,
      readCount: 0,
      recipientCount: 2,
    });
    await ok(t.markDelivered(b!, g, m.seq));
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'SENT', deliveredCount: 1 });
    await ok(t.markDelivered(c!, g, m.seq));
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'DELIVERED', deliveredCount: 2, readCount: 0 });
    await ok(t.markRead(b!, g, m.seq));
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'DELIVERED', readCount: 1 });
    await ok(t.markRead(c!, g, m.seq));
    expect(await receiptOf(a!, g, m.id)).toEqual({
      status: 'READ',
      deliveredCount: 2,
      readCount: 2,
      recipientCount: 2,
    });

    // Someone who joins later is no recipient of what came before.
    await ok(
      t.call(a, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
        c: g,
        u: [d!.id],
      }),
    );
    expect(await receiptOf(a!, g, m.id)).toMatchObject({ status: 'READ', recipientCount: 2 });
    const later = await t.send(a!, g, 'and now?');
    expect(await receiptOf(a!, g, later.id)).toMatchObject({ status: 'SENT', recipientCount: 3 });
    // Receipts are the sender's alone.
    expect(await receiptOf(b!, g, m.id)).toBeNull();
    const [system] = await t.timeline(a!, g);
    expect(await receiptOf(a!, g, system.id)).toBeNull();

    // In a direct conversation READ means the other person read it.
    const dm = await t.direct(a!, b!);
    const note = await t.send(a!, dm, 'just us');
    await ok(t.markRead(b!, dm, note.seq));
    expect(await receiptOf(a!, dm, note.id)).toEqual({
      status: 'READ',
      deliveredCount: 1,
      readCount: 1,
      recipientCount: 1,
    });
  });

  it('lists who read the viewer’s own message, in join order and in pages, and nobody else’s', async () => {
    const [a, b, c, d, outsider] = await t.users(5, 'rd');
    const g = await t.group(a!, [b!, c!, d!]);
    const m = await t.send(a!, g, 'who read this?');
    expect(await ok(readers(a!, m.id))).toEqual([]);
    await ok(t.markRead(d!, g, m.seq));
    await ok(t.markRead(b!, g, m.seq));
    await ok(t.markDelivered(c!, g, m.seq));
    // b and d are founders (joined together, then ordered by id); e joined later.
    const e = (await t.users(1, 'rd'))[0]!;
    await ok(
      t.call(a, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
        c: g,
        u: [e.id],
      }),
    );
    const m2 = await t.send(a!, g, 'and this?');
    for (const u of [e, d!, b!]) await ok(t.markRead(u, g, m2.seq));
    const [first, second] = [b!, d!].sort(byId);
    expect(await ok(readers(a!, m.id))).toEqual([
      { user: { id: first!.id }, lastReadSeq: m2.seq },
      { user: { id: second!.id }, lastReadSeq: m2.seq },
    ]);
    expect(await ok(readers(a!, m2.id))).toEqual(
      [first, second, e].map((u) => ({ user: { id: u!.id }, lastReadSeq: m2.seq })),
    );
    expect(await ok(readers(a!, m2.id, ', first: 1'))).toEqual([{ user: { id: first!.id }, lastReadSeq: m2.seq }]);
    expect(await ok(readers(a!, m2.id, `, first: 2, after: "${first!.id}"`))).toEqual([
      { user: { id: second!.id }, lastReadSeq: m2.seq },
      { user: { id: e.id }, lastReadSeq: m2.seq },
    ]);

    expect((await failure(readers(b!, m.id))).code).toBe('FORBIDDEN');
    expect((await failure(readers(outsider!, m.id))).code).toBe('NOT_FOUND');
    expect((await failure(readers(a!, m.id, ', first: 0'))).code).toBe('BAD_USER_INPUT');
    expect((await failure(readers(a!, '00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
  });
});
