import { expect, it } from 'vitest';
import { describeOnEachDatabase, ok } from '../support/chat';
import type { TestUser } from '../support/users';

describeOnEachDatabase('mentions and unread counts', (t) => {
  const counts = async (u: TestUser, c: string) => {
    const { unreadCount, unreadMentionCount } = await t.conversation(u, c);
    return [unreadCount, unreadMentionCount];
  };

  it('mentions members named as @username, in order of first mention, and nobody else', async () => {
    const [a, b, c, outsider] = await t.users(4, 'at');
    const g = await t.group(a!, [b!, c!]);
    const m = await t.send(
      a!,
      g,
      `@${c!.username}, ask @${b!.username.toUpperCase()}. cc @${c!.username} @${outsider!.username} ` +
        `and mail ${b!.username}@example.com or write to x@${b!.username}`,
    );
    expect(m.mentions.map((u: any) => u.id)).toEqual([c!.id, b!.id]);
    // A mention at the end of a sentence still counts; an e-mail address is no mention.
    const end = await t.send(a!, g, `thanks @${b!.username}.`);
    expect(end.mentions.map((u: any) => u.id)).toEqual([b!.id]);
    const mail = await t.send(a!, g, `${c!.username}@example.com`);
    expect(mail.mentions).toEqual([]);
    const [fromHistory] = (await t.timeline(b!, g)).filter((x) => x.id === m.id);
    expect(fromHistory.mentions.map((u: any) => u.id)).toEqual([c!.id, b!.id]);
  });

  it('counts unread messages that mention me until I read past them, or they are edited, deleted or hidden', async () => {
    const [a, b] = await t.users(2, 'at');
    const g = await t.group(a!, [b!]);
    const hey = `hey @${b!.username}`;
    const m1 = await t.send(a!, g, hey);
    await t.send(a!, g, 'no mention');
    const m3 = await t.send(a!, g, `again @${b!.username}`);
    const m4 = await t.send(a!, g, `and again @${b!.username}`);
    const m5 = await t.send(a!, g, `last time @${b!.username}`);
    // My own mention of myself is not unread.
    await t.send(b!, g, `note to self @${b!.username}`);
    expect(await counts(b!, g)).toEqual([5, 4]);
    expect(await counts(a!, g)).toEqual([1, 0]);
    const listed = await ok(t.call(b, `{ conversations { conversations { id unreadCount unreadMentionCount } } }`));
    expect(listed.conversations.find((c: any) => c.id === g)).toMatchObject({ unreadCount: 5, unreadMentionCount: 4 });

    await ok(t.markRead(b!, g, m1.seq));
    expect(await counts(b!, g)).toEqual([4, 3]);
    await ok(t.edit(a!, m3.id, 'never mind'));
    expect(await counts(b!, g)).toEqual([4, 2]);
    await ok(t.delete(a!, m4.id));
    expect(await counts(b!, g)).toEqual([3, 1]);
    await ok(t.delete(b!, m5.id, false));
    expect(await counts(b!, g)).toEqual([2, 0]);
    // Edited to mention me again, it counts again while unread.
    await ok(t.edit(a!, m3.id, `actually, @${b!.username}`));
    expect(await counts(b!, g)).toEqual([2, 1]);
    await ok(t.markRead(b!, g, await t.lastSeq(b!, g)));
    expect(await counts(b!, g)).toEqual([0, 0]);
  });

  it('does not count a thread reply, even one that mentions me', async () => {
    const [a, b] = await t.users(2, 'at');
    const g = await t.group(a!, [b!]);
    const root = await t.send(b!, g, 'root');
    await t.send(a!, g, `in the thread, @${b!.username}`, { threadRootId: root.id });
    expect(await counts(b!, g)).toEqual([0, 0]);
  });
});
