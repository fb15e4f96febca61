import { expect, it } from 'vitest';
import { OPS, describeOnEachDatabase, expectSeqs, failure, ok } from '../support/chat';
import type { TestUser } from '../support/users';

describeOnEachDatabase('threads', (t) => {
  const thread = (u: TestUser, rootMessageId: string, args: { a?: number; b?: number; l?: number } = {}) =>
    t.call(u, OPS.thread, { r: rootMessageId, ...args });
  const ids = (page: any) => page.messages.map((m: any) => m.id);

  it('adds a reply, then updates its root’s summary, as two events in order', async () => {
    const [a, b, c] = await t.users(3, 'th');
    const g = await t.group(a!, [b!, c!]);
    const root = await t.send(a!, g, 'start a thread');
    const live = t.subscribe(c!, g, root.seq);

    const r1 = await t.send(b!, g, 'first reply', { threadRootId: root.id });
    expect(r1).toMatchObject({ threadRootId: root.id, seq: root.seq + 1 });
    const [added, updated] = [await t.eventAt(live, root.seq + 1), await t.eventAt(live, root.seq + 2)];
    expect(added).toMatchObject({ __typename: 'MessageAdded', message: { id: r1.id, threadRootId: root.id } });
    expect(updated).toMatchObject({
      __typename: 'MessageUpdated',
      message: {
        id: root.id,
        text: 'start a thread',
        thread: { replyCount: 1, lastReplyAt: r1.createdAt, participants: [{ id: b!.id }] },
      },
    });

    const r2 = await t.send(c!, g, 'second reply', { threadRootId: root.id });
    const r3 = await t.send(b!, g, 'third, answering the second', { threadRootId: root.id, replyToId: r2.id });
    expect(r3.replyTo).toMatchObject({ id: r2.id, text: 'second reply' });
    const last = await t.eventAt(live, r3.seq + 1);
    expect(last.message.thread).toEqual({
      replyCount: 3,
      lastReplyAt: r3.createdAt,
      participants: [{ id: b!.id }, { id: c!.id }],
    });
    expectSeqs(live, root.seq + 1, r3.seq + 1);
    expect(live.events.map((e) => e.__typename)).toEqual(Array(3).fill(['MessageAdded', 'MessageUpdated']).flat());

    // Editing a reply changes the reply only.
    await ok(t.edit(c!, r2.id, 'second reply, edited'));
    const edit = await t.eventAt(live, r3.seq + 2);
    expect(edit.message).toMatchObject({ id: r2.id, threadRootId: root.id, text: 'second reply, edited' });
    expect(await t.lastSeq(a!, g)).toBe(r3.seq + 2);
  });

  it('keeps replies out of the timeline and unread counts, and lists them by thread', async () => {
    const [a, b] = await t.users(2, 'th');
    const g = await t.group(a!, [b!]);
    const root = await t.send(a!, g, 'root');
    const replies = [];
    for (let i = 1; i <= 3; i++) replies.push(await t.send(b!, g, `reply ${i}`, { threadRootId: root.id }));
    const after = await t.send(b!, g, 'back in the main timeline');

    const timeline = await t.timeline(a!, g);
    expect(timeline.map((m) => m.id)).toEqual([timeline[0].id, root.id, after.id]);
    expect(timeline[1].thread).toMatchObject({ replyCount: 3, participants: [{ id: b!.id }] });
    expect(await t.conversation(a!, g)).toMatchObject({ unreadCount: 1, lastSeq: after.seq });
    expect((await t.conversation(b!, g)).unreadCount).toBe(1); // the root

    const all = await ok(thread(a!, root.id));
    expect(ids(all)).toEqual(replies.map((r) => r.id));
    expect(all).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
    const newest = await ok(thread(a!, root.id, { l: 2 }));
    expect(ids(newest)).toEqual([replies[1]!.id, replies[2]!.id]);
    expect(newest).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    const next = await ok(thread(a!, root.id, { a: replies[0]!.seq, l: 1 }));
    expect(ids(next)).toEqual([replies[1]!.id]);
    expect(next).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const older = await ok(thread(a!, root.id, { b: replies[1]!.seq, l: 5 }));
    expect(ids(older)).toEqual([replies[0]!.id]);
    expect(older).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
    // A message nobody replied to has no summary and an empty thread.
    expect(timeline.find((m) => m.id === after.id).thread).toBeNull();
    expect(ids(await ok(thread(a!, after.id)))).toEqual([]);
    // A reply hidden for me is left out of my view of the thread only.
    await ok(t.delete(a!, replies[0]!.id, false));
    expect(ids(await ok(thread(a!, root.id)))).toEqual([replies[1]!.id, replies[2]!.id]);
    expect(ids(await ok(thread(b!, root.id)))).toHaveLength(3);
  });

  it('refuses a thread in a thread, a root elsewhere or unknown, and a system message as root, storing nothing', async () => {
    const [a, b, outsider] = await t.users(3, 'th');
    const g = await t.group(a!, [b!]);
    const other = await t.group(a!, [b!], 'Other');
    const [system] = await t.timeline(a!, g);
    const root = await t.send(a!, g, 'root');
    const reply = await t.send(b!, g, 'reply', { threadRootId: root.id });
    const elsewhere = await t.send(a!, other, 'in another group');
    const before = await t.lastSeq(a!, g);

    for (const threadRootId of [reply.id, elsewhere.id, system.id, '00000000-0000-4000-8000-000000000000']) {
      const r = await failure(t.sendRaw(b!, g, 'nested?', { threadRootId }));
      expect(r, threadRootId).toMatchObject({ code: 'BAD_USER_INPUT', fields: { threadRootId: expect.any(String) } });
    }
    expect((await failure(t.sendRaw(b!, g, 'bad id', { threadRootId: 'nope' }))).code).toBe('BAD_USER_INPUT');
    expect((await failure(t.sendRaw(outsider!, g, 'not a member', { threadRootId: root.id }))).code).toBe('NOT_FOUND');
    expect(await t.lastSeq(a!, g)).toBe(before);
    expect((await ok(thread(a!, root.id))).messages).toHaveLength(1);

    const onReply = await failure(thread(a!, reply.id));
    expect(onReply).toMatchObject({ code: 'BAD_USER_INPUT', fields: { rootMessageId: expect.any(String) } });
    expect((await failure(thread(outsider!, root.id))).code).toBe('NOT_FOUND');
    expect((await failure(thread(a!, 'nope'))).code).toBe('NOT_FOUND');
    expect((await failure(thread(a!, root.id, { l: 0 }))).code).toBe('BAD_USER_INPUT');
  });
});
