import { expect, it } from 'vitest';
import { describeOnEachDatabase, failure, ok } from '../support/chat';
import type { TestUser } from '../support/users';

describeOnEachDatabase('forwarding messages', (t) => {
  const displayName = (u: TestUser, name: string) =>
    ok(t.call(u, `mutation($n: String!) { updateProfile(input: { displayName: $n }) { id } }`, { n: name }));

  it('copies a message into each chosen conversation as the forwarder’s, naming the original sender', async () => {
    const [alice, bob, carol] = await t.users(3, 'fw');
    await displayName(alice!, 'Alice A.');
    const source = await t.group(alice!, [bob!]);
    const original = await t.send(alice!, source, 'worth *sharing*', { format: 'MARKDOWN' });
    const toCarol = await t.direct(bob!, carol!);
    const team = await t.group(bob!, [carol!], 'Team');
    const subs = [t.subscribe(carol!, toCarol, 0), t.subscribe(carol!, team, 1)];

    const copies = await ok(t.forward(bob!, original.id, [toCarol, team, toCarol]));
    expect(copies.map((m: any) => m.conversationId)).toEqual([toCarol, team]);
    for (const copy of copies) {
      expect(copy).toMatchObject({
        text: 'worth *sharing*',
        format: 'MARKDOWN',
        sender: { id: bob!.id },
        forwardedFrom: { originalSenderName: 'Alice A.', originalSentAt: original.createdAt },
      });
      expect(copy.id).not.toBe(original.id);
    }
    // Each copy is its own event in its own conversation.
    const [inDm, inTeam] = [await t.eventAt(subs[0]!, 1), await t.eventAt(subs[1]!, 2)];
    expect(inDm).toMatchObject({ __typename: 'MessageAdded', message: { id: copies[0].id } });
    expect(inTeam).toMatchObject({ __typename: 'MessageAdded', message: { id: copies[1].id } });
    expect(inDm.message.forwardedFrom.originalSenderName).toBe('Alice A.');

    // Forwarding a copy on keeps naming the original sender, not the one who forwarded it.
    const again = await ok(t.forward(carol!, copies[1].id, [toCarol]));
    expect(again[0]).toMatchObject({ sender: { id: carol!.id }, forwardedFrom: { originalSenderName: 'Alice A.' } });
    // The source is untouched.
    expect((await t.timeline(alice!, source)).find((m) => m.id === original.id).forwardedFrom).toBeNull();
  });

  it('returns the earlier copy when the same message is forwarded to the same conversation again', async () => {
    const [a, b] = await t.users(2);
    const source = await t.group(a!, [b!]);
    const target = await t.direct(a!, b!);
    const original = await t.send(a!, source, 'once is enough');
    const [first] = await ok(t.forward(a!, original.id, [target]));
    const seq = await t.lastSeq(a!, target);

    const [repeat] = await ok(t.forward(a!, original.id, [target]));
    expect(repeat).toMatchObject({ id: first.id, seq: first.seq });
    // Also after the original was edited, and after the copy was deleted: still the one copy, no new event.
    await ok(t.edit(a!, original.id, 'once is enough, edited'));
    expect((await ok(t.forward(a!, original.id, [target])))[0].id).toBe(first.id);
    await ok(t.delete(a!, first.id));
    expect((await ok(t.forward(a!, original.id, [target])))[0]).toMatchObject({ id: first.id, text: null });
    expect(await t.lastSeq(a!, target)).toBe(seq + 1); // only the delete
    // Another member forwarding it makes their own copy.
    const [theirs] = await ok(t.forward(b!, original.id, [target]));
    expect(theirs.id).not.toBe(first.id);
  });

  it('refuses a target the viewer is not in and writes nothing anywhere', async () => {
    const [a, b, c] = await t.users(3);
    const source = await t.group(a!, [b!]);
    const mine = await t.direct(a!, b!);
    const foreign = await t.direct(b!, c!);
    const original = await t.send(a!, source, 'not for everyone');
    const seqs = async () => [await t.lastSeq(a!, source), await t.lastSeq(a!, mine), await t.lastSeq(b!, foreign)];
    const before = await seqs();

    expect((await failure(t.forward(a!, original.id, [mine, foreign]))).code).toBe('NOT_FOUND');
    expect((await failure(t.forward(a!, original.id, ['00000000-0000-4000-8000-000000000000']))).code).toBe(
      'NOT_FOUND',
    );
    // A message in a conversation the viewer is not in cannot be forwarded (nor told apart from none).
    const hidden = await t.send(b!, foreign, 'between b and c');
    expect((await failure(t.forward(a!, hidden.id, [mine]))).code).toBe('NOT_FOUND');
    expect(await seqs()).toEqual([before[0], before[1], before[2]! + 1]);
  });

  it('forwards to at least one and at most 20 conversations, and never a system message', async () => {
    const [a, b] = await t.users(2);
    const source = await t.group(a!, [b!]);
    const targets = await Promise.all(Array.from({ length: 21 }, (_, i) => t.group(a!, [], `g${i}`)));
    const original = await t.send(a!, source, 'to many');
    const lastSeqs = async () => {
      const { conversations } = await ok(t.call(a, `{ conversations(first: 50) { conversations { id lastSeq } } }`));
      const byId = new Map(conversations.map((c: any) => [c.id, c.lastSeq]));
      return targets.map((id) => byId.get(id));
    };

    const tooMany = await failure(t.forward(a!, original.id, targets));
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', fields: { conversationIds: expect.any(String) } });
    expect((await failure(t.forward(a!, original.id, []))).code).toBe('BAD_USER_INPUT');
    const [system] = await t.timeline(a!, source);
    expect((await failure(t.forward(a!, system.id, [targets[0]!]))).code).toBe('BAD_USER_INPUT');
    expect(await lastSeqs()).toEqual(Array(21).fill(1));

    const twenty = await ok(t.forward(a!, original.id, targets.slice(0, 20)));
    expect(twenty).toHaveLength(20);
    expect(await lastSeqs()).toEqual([...Array(20).fill(2), 1]);
  });
});
