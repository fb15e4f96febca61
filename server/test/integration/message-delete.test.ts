import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnEachDatabase, expectSeqs, failure, ok } from '../support/chat';

describeOnEachDatabase('deleting messages', (t) => {
  /** Rows of `messages` and `conversation_events` that still hold `secret` anywhere. */
  const traces = async (secret: string) => [
    ...(await t.sql(`SELECT id::text FROM messages WHERE text LIKE $1 OR forwarded_from::text LIKE $1`, [
      `%${secret}%`,
    ])),
    ...(await t.sql(`SELECT seq FROM conversation_events WHERE payload::text LIKE $1`, [`%${secret}%`])),
  ];

  it('for everyone leaves a tombstone and erases the text from storage, so no replay shows it', async () => {
    const [a, b] = await t.users(2);
    const g = await t.group(a!, [b!]);
    const dm = await t.direct(a!, b!);
    const secret = `secret-${randomBytes(6).toString('hex')}`;
    // The secret is in the original, an edit, a reaction's message, a quoting reply and a forwarded copy.
    const original = await t.send(a!, g, `${secret} for @${b!.username}`);
    await ok(t.edit(a!, original.id, `${secret} edited`));
    await ok(t.react(b!, original.id, '👍'));
    const reply = await t.send(b!, g, 'noted', { replyToId: original.id });
    const copy = (await ok(t.forward(a!, original.id, [dm])))[0];
    expect(copy.forwardedFrom).not.toBeNull();
    expect((await traces(secret)).length).toBeGreaterThan(0);
    const live = t.subscribe(b!, g, await t.lastSeq(a!, g));

    // The forwarded copy is a message of its own: deleting it erases its text and where it came from.
    const copyGone = await ok(t.delete(a!, copy.id));
    expect(copyGone).toMatchObject({ text: null, forwardedFrom: null });
    const gone = await ok(t.delete(a!, original.id));
    expect(gone).toMatchObject({ id: original.id, seq: original.seq, text: null, mentions: [], reactions: [] });
    expect(gone.deletedAt).not.toBeNull();
    const event = await t.eventAt(live, reply.seq + 1);
    expect(event).toMatchObject({ __typename: 'MessageUpdated', message: { id: original.id, text: null } });
    expect(event.message).toMatchObject({ deletedAt: gone.deletedAt, mentions: [], reactions: [] });

    expect(await traces(secret)).toEqual([]);
    for (const c of [g, dm]) {
      const replayed = JSON.stringify(await t.replay(b!, c));
      expect(replayed).not.toContain(secret);
    }
    const replayed = await t.replay(b!, g);
    expect(replayed.find((e) => e.seq === original.seq).message).toMatchObject({
      text: null,
      deletedAt: gone.deletedAt,
    });
    expect(replayed.find((e) => e.seq === reply.seq).message.replyTo).toMatchObject({ id: original.id, text: null });
    const timeline = await t.timeline(b!, g);
    expect(timeline.find((m) => m.id === original.id)).toMatchObject({ text: null, deletedAt: gone.deletedAt });
    expect(timeline.find((m) => m.id === reply.id)).toMatchObject({ text: 'noted', replyTo: { text: null } });
    expect(JSON.stringify(timeline)).not.toContain(secret);
  });

  it('for everyone is the sender’s, or a group owner’s or admin’s; deleting twice tells nobody again', async () => {
    const [owner, admin, member, other, outsider] = await t.users(5);
    const g = await t.group(owner!, [admin!, member!, other!]);
    await ok(
      t.call(
        owner,
        `mutation($c: ID!, $u: ID!) { setMemberRole(conversationId: $c, userId: $u, role: ADMIN) { role } }`,
        {
          c: g,
          u: admin!.id,
        },
      ),
    );
    const [m1, m2, m3, m4] = [
      await t.send(member!, g, 'one'),
      await t.send(member!, g, 'two'),
      await t.send(owner!, g, 'three'),
      await t.send(admin!, g, 'four'),
    ];
    expect((await failure(t.delete(other!, m1!.id))).code).toBe('FORBIDDEN');
    expect((await failure(t.delete(member!, m3!.id))).code).toBe('FORBIDDEN');
    expect((await failure(t.delete(outsider!, m1!.id))).code).toBe('NOT_FOUND');
    expect((await failure(t.delete(member!, '00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
    const [system] = await t.timeline(owner!, g);
    expect((await failure(t.delete(owner!, system.id))).code).toBe('BAD_USER_INPUT');
    const before = await t.lastSeq(owner!, g);
    const live = t.subscribe(member!, g, before);

    expect((await ok(t.delete(owner!, m1!.id))).deletedAt).not.toBeNull();
    expect((await ok(t.delete(admin!, m2!.id))).deletedAt).not.toBeNull();
    expect((await ok(t.delete(admin!, m3!.id))).deletedAt).not.toBeNull(); // an admin may delete the owner's too
    expect((await ok(t.delete(admin!, m4!.id))).deletedAt).not.toBeNull();
    const first = await ok(t.delete(member!, m1!.id));
    expect(first.deletedAt).not.toBeNull();
    const marker = await t.send(other!, g, 'marker');
    expect(marker.seq).toBe(before + 5);
    await t.eventAt(live, marker.seq);
    expectSeqs(live, before + 1, marker.seq);

    // In a direct conversation nobody moderates: only the sender deletes for everyone.
    const dm = await t.direct(owner!, member!);
    const theirs = await t.send(member!, dm, 'in private');
    expect((await failure(t.delete(owner!, theirs.id))).code).toBe('FORBIDDEN');
    expect((await ok(t.delete(member!, theirs.id))).deletedAt).not.toBeNull();
  });

  it('leaves nothing to do with a tombstone: no edit, reaction, thread reply or forward', async () => {
    const [a, b] = await t.users(2);
    const g = await t.group(a!, [b!]);
    const m = await t.send(a!, g, 'short-lived');
    await ok(t.delete(a!, m.id));
    const before = await t.lastSeq(a!, g);
    const refused = [
      await failure(t.edit(a!, m.id, 'again')),
      await failure(t.react(b!, m.id, '👍')),
      await failure(t.sendRaw(b!, g, 'in its thread', { threadRootId: m.id })),
      await failure(t.forward(a!, m.id, [g])),
    ];
    expect(refused.map((r) => r.code)).toEqual(Array(4).fill('BAD_USER_INPUT'));
    expect(await t.lastSeq(a!, g)).toBe(before);
  });

  it('for me hides the message from my timeline and unread count only, and tells nobody', async () => {
    const [a, b, outsider] = await t.users(3);
    const g = await t.group(a!, [b!]);
    const keep = await t.send(a!, g, 'keep');
    const hide = await t.send(a!, g, `hide from @${b!.username}`);
    expect(await t.conversation(b!, g)).toMatchObject({ unreadCount: 2, unreadMentionCount: 1 });
    const live = t.subscribe(a!, g, hide.seq);

    expect((await failure(t.delete(outsider!, hide.id, false))).code).toBe('NOT_FOUND');
    // Anyone may hide any message for themself, also one they did not send.
    const hidden = await ok(t.delete(b!, hide.id, false));
    expect(hidden).toMatchObject({ id: hide.id, deletedAt: null });
    expect(await t.conversation(b!, g)).toMatchObject({ unreadCount: 1, unreadMentionCount: 0, lastSeq: hide.seq });
    expect((await t.timeline(b!, g)).map((m) => m.id)).not.toContain(hide.id);
    expect((await t.timeline(b!, g)).map((m) => m.id)).toContain(keep.id);
    // The sender and everyone else still see it, unchanged.
    expect((await t.timeline(a!, g)).find((m) => m.id === hide.id)).toMatchObject({ text: hide.text, deletedAt: null });

    // Hiding one's own message for oneself works the same, and still tells nobody.
    await ok(t.delete(a!, keep.id, false));
    expect((await t.timeline(a!, g)).map((m) => m.id)).not.toContain(keep.id);
    expect((await t.timeline(b!, g)).map((m) => m.id)).toContain(keep.id);
    const marker = await t.send(b!, g, 'marker');
    expect(marker.seq).toBe(hide.seq + 1);
    await t.eventAt(live, marker.seq);
    expectSeqs(live, marker.seq, marker.seq);
  });
});
