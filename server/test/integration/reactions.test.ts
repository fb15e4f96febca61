import { expect, it } from 'vitest';
import { describeOnEachDatabase, expectSeqs, failure, ok } from '../support/chat';

/** A message's reactions as [emoji, count, reactedByMe]. */
const summary = (m: any) => m.reactions.map((g: any) => [g.emoji, g.count, g.reactedByMe]);

describeOnEachDatabase('reactions', (t) => {
  it('groups reactions by emoji in order of first use, per viewer, and tells subscribers of every change', async () => {
    const [a, b, c] = await t.users(3, 'r');
    const g = await t.group(a!, [b!, c!]);
    const m = await t.send(a!, g, 'react to me');
    const [subA, subB] = [t.subscribe(a!, g, m.seq), t.subscribe(b!, g, m.seq)];

    expect(summary(await ok(t.react(b!, m.id, '👍')))).toEqual([['👍', 1, true]]);
    expect(summary(await ok(t.react(c!, m.id, '🎉')))).toEqual([
      ['👍', 1, false],
      ['🎉', 1, true],
    ]);
    const third = await ok(t.react(a!, m.id, '👍'));
    expect(summary(third)).toEqual([
      ['👍', 2, true],
      ['🎉', 1, false],
    ]);
    expect(third.reactions[0].users.map((u: any) => u.id)).toEqual([b!.id, a!.id]);

    // Every change is one MessageUpdated carrying the whole message, seen from each subscriber's side.
    const [eventA, eventB] = [await t.eventAt(subA, m.seq + 3), await t.eventAt(subB, m.seq + 3)];
    expect(eventA).toMatchObject({ __typename: 'MessageUpdated', message: { id: m.id, text: 'react to me' } });
    expect(summary(eventA.message)).toEqual([
      ['👍', 2, true],
      ['🎉', 1, false],
    ]);
    expect(summary(eventB.message)).toEqual([
      ['👍', 2, true],
      ['🎉', 1, false],
    ]);
    expect((await t.eventAt(subB, m.seq + 2)).message.reactions[1].reactedByMe).toBe(false);
    const asC = (await t.timeline(c!, g)).find((x) => x.id === m.id);
    expect(summary(asC)).toEqual([
      ['👍', 2, false],
      ['🎉', 1, true],
    ]);
    const users = await ok(
      t.call(
        b,
        `query($c: ID!) { messages(conversationId: $c) { messages { id reactions { users(first: 1) { id } } } } }`,
        {
          c: g,
        },
      ),
    );
    expect(users.messages.find((x: any) => x.id === m.id).reactions[0].users).toEqual([{ id: b!.id }]);

    // Adding what is there and removing what is not change nothing and tell nobody.
    expect(summary(await ok(t.react(b!, m.id, '👍')))).toEqual([
      ['👍', 2, true],
      ['🎉', 1, false],
    ]);
    expect(summary(await ok(t.unreact(b!, m.id, '🎉')))).toEqual([
      ['👍', 2, true],
      ['🎉', 1, false],
    ]);
    expect(await t.lastSeq(a!, g)).toBe(m.seq + 3);

    // Removing the last reaction of an emoji removes its group.
    expect(summary(await ok(t.unreact(c!, m.id, '🎉')))).toEqual([['👍', 2, false]]);
    expect(summary(await ok(t.unreact(b!, m.id, '👍')))).toEqual([['👍', 1, false]]);
    const end = await t.eventAt(subB, m.seq + 5);
    expect(summary(end.message)).toEqual([['👍', 1, false]]);
    expect(end.message.reactions[0].users).toEqual([{ id: a!.id }]);
    expectSeqs(subA, m.seq + 1, m.seq + 5);
    expectSeqs(subB, m.seq + 1, m.seq + 5);
  });

  it('takes exactly one emoji as people see it', async () => {
    const [a, b] = await t.users(2);
    const g = await t.direct(a!, b!);
    const m = await t.send(a!, g, 'emoji');
    const before = await t.lastSeq(a!, g);
    const bad = ['', 'a', ':+1:', '👍👍', '👍 ', 'x👍', '🇫', '7', '\u200d', '🇫🇷🇩🇪'];
    for (const emoji of bad) {
      const r = await failure(t.react(a!, m.id, emoji));
      expect(r, JSON.stringify(emoji)).toMatchObject({ code: 'BAD_USER_INPUT', fields: { emoji: expect.any(String) } });
    }
    expect(await t.lastSeq(a!, g)).toBe(before);
    // Skin tones, presentation selectors, ZWJ families, flags and keycaps are each one emoji.
    const good = ['👍🏽', '❤️', '👨‍👩‍👧‍👦', '🇫🇷', '1️⃣', '#️⃣', '🏳️‍🌈'];
    for (const [i, emoji] of good.entries()) await ok(t.react(i % 2 ? a! : b!, m.id, emoji));
    const [stored] = (await t.timeline(a!, g)).filter((x) => x.id === m.id);
    expect(stored.reactions.map((r: any) => r.emoji)).toEqual(good);
  });

  it('allows at most 20 different emoji on a message, and more people on those', async () => {
    const [a, b, c, d] = await t.users(4);
    const g = await t.group(a!, [b!, c!, d!]);
    const m = await t.send(a!, g, 'popular');
    const emoji = [...'😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘😗😙😚🤔'];
    expect(emoji).toHaveLength(21);
    // Three people share the first 20 (reactions are limited per person and second).
    for (const [i, e] of emoji.slice(0, 20).entries()) await ok(t.react([a!, b!, c!][i % 3]!, m.id, e));
    const before = await t.lastSeq(a!, g);
    const tooMany = await failure(t.react(d!, m.id, emoji[20]!));
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', fields: { emoji: expect.any(String) } });
    expect(await t.lastSeq(a!, g)).toBe(before);
    const more = await ok(t.react(d!, m.id, emoji[0]!));
    expect(more.reactions).toHaveLength(20);
    expect(more.reactions[0]).toMatchObject({ emoji: emoji[0], count: 2, reactedByMe: true });
    // Once one emoji is gone, another fits.
    await ok(t.unreact(b!, m.id, emoji[1]!));
    expect((await ok(t.react(d!, m.id, emoji[20]!))).reactions.map((r: any) => r.emoji)).toContain(emoji[20]);
  });

  it('refuses reactions from outside the conversation and on system messages', async () => {
    const [a, b, outsider] = await t.users(3);
    const g = await t.group(a!, [b!]);
    const m = await t.send(a!, g, 'members only');
    const [system] = await t.timeline(a!, g);
    expect((await failure(t.react(outsider!, m.id, '👍'))).code).toBe('NOT_FOUND');
    expect((await failure(t.unreact(outsider!, m.id, '👍'))).code).toBe('NOT_FOUND');
    expect((await failure(t.react(a!, '00000000-0000-4000-8000-000000000000', '👍'))).code).toBe('NOT_FOUND');
    expect((await failure(t.react(a!, 'not-an-id', '👍'))).code).toBe('NOT_FOUND');
    expect((await failure(t.react(b!, system.id, '👍'))).code).toBe('BAD_USER_INPUT');
    expect(await t.lastSeq(a!, g)).toBe(m.seq);
  });

  it('knows my reaction also when I am not among the first reactors a summary lists', async () => {
    const people = await t.users(52, 'many');
    const [a, ...rest] = people;
    const g = await t.group(a!, rest);
    const m = await t.send(a!, g, 'everyone, react');
    for (let i = 0; i < rest.length; i += 10)
      await Promise.all(rest.slice(i, i + 10).map((u) => ok(t.react(u, m.id, '🔥'))));
    const last = rest[rest.length - 1]!;
    const seen = (await t.timeline(last, g)).find((x) => x.id === m.id);
    expect(seen.reactions[0]).toMatchObject({ emoji: '🔥', count: 51, reactedByMe: true });
    expect(seen.reactions[0].users).toHaveLength(10);
    expect((await t.timeline(a!, g)).find((x) => x.id === m.id).reactions[0].reactedByMe).toBe(false);
  });
});
