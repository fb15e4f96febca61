import { expect, it } from 'vitest';
import { describeOnEachDatabase, expectSeqs, failure, ok } from '../support/chat';

describeOnEachDatabase('editing messages', (t) => {
  it('replaces the text of the sender’s message, sets editedAt and tells every subscriber once, at the next seq', async () => {
    const [a, b] = await t.users(2);
    const g = await t.group(a!, [b!]);
    const sent = await t.send(a!, g, 'first version');
    expect(sent.editedAt).toBeNull();
    const live = t.subscribe(b!, g, sent.seq);

    const edited = await ok(t.edit(a!, sent.id, '  second version\r\nwith a second line  '));
    expect(edited).toMatchObject({ id: sent.id, seq: sent.seq, text: 'second version\nwith a second line' });
    expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    const event = await t.eventAt(live, sent.seq + 1);
    expect(event).toMatchObject({ __typename: 'MessageUpdated', message: { id: sent.id, text: edited.text } });
    expect(event.message.editedAt).toBe(edited.editedAt);
    expect(event.message.sender.id).toBe(a!.id);

    // The same text again changes nothing and tells nobody: the next event is the next message.
    const again = await ok(t.edit(a!, sent.id, 'second version\nwith a second line'));
    expect(again.editedAt).toBe(edited.editedAt);
    const next = await t.send(b!, g, 'after');
    expect(next.seq).toBe(sent.seq + 2);
    await t.eventAt(live, next.seq);
    expectSeqs(live, sent.seq + 1, next.seq);

    const [stored] = (await t.timeline(b!, g)).filter((m) => m.id === sent.id);
    expect(stored).toMatchObject({ text: 'second version\nwith a second line', editedAt: edited.editedAt });
  });

  it('re-reads mentions from the new text, naming members only', async () => {
    const [a, b, c, outsider] = await t.users(4, 'men');
    const g = await t.group(a!, [b!, c!]);
    const sent = await t.send(a!, g, `hi @${b!.username}`);
    expect(sent.mentions.map((u: any) => u.id)).toEqual([b!.id]);
    const live = t.subscribe(c!, g, sent.seq);

    const edited = await ok(
      t.edit(a!, sent.id, `hi @${c!.username.toUpperCase()} and @${outsider!.username} and @nobody_here`),
    );
    expect(edited.mentions.map((u: any) => u.id)).toEqual([c!.id]);
    const event = await t.eventAt(live, sent.seq + 1);
    expect(event.message.mentions.map((u: any) => u.id)).toEqual([c!.id]);
    // The mention moved from b to c, and so did the unread mention.
    expect((await t.conversation(b!, g)).unreadMentionCount).toBe(0);
    expect((await t.conversation(c!, g)).unreadMentionCount).toBe(1);
  });

  it('keeps the format a message was sent with', async () => {
    const [a, b] = await t.users(2);
    const g = await t.direct(a!, b!);
    const md = await t.send(a!, g, '**bold** and `code`', { format: 'MARKDOWN' });
    expect(md).toMatchObject({ format: 'MARKDOWN', text: '**bold** and `code`' });
    const edited = await ok(t.edit(a!, md.id, '_now italic_ <b>raw</b>'));
    // Markdown is stored as written (clients render the safe subset); never turned into HTML.
    expect(edited).toMatchObject({ format: 'MARKDOWN', text: '_now italic_ <b>raw</b>' });
    expect((await t.send(a!, g, 'plain')).format).toBe('PLAIN');
    const bad = await failure(t.sendRaw(a!, g, 'x', { format: 'HTML' }));
    expect(bad.code).toBe('BAD_USER_INPUT');
  });

  it('refuses edits by others, of deleted or system messages, with bad text, and stores nothing', async () => {
    const [a, b, outsider] = await t.users(3);
    const g = await t.group(a!, [b!]);
    const [system] = await t.timeline(a!, g);
    expect(system.kind).toBe('SYSTEM');
    const sent = await t.send(a!, g, 'mine');
    const gone = await t.send(a!, g, 'to be deleted');
    await ok(t.delete(a!, gone.id));
    const before = await t.lastSeq(a!, g);

    expect((await failure(t.edit(b!, sent.id, 'not yours'))).code).toBe('FORBIDDEN');
    expect((await failure(t.edit(outsider!, sent.id, 'not even a member'))).code).toBe('NOT_FOUND');
    expect((await failure(t.edit(a!, '00000000-0000-4000-8000-000000000000', 'x'))).code).toBe('NOT_FOUND');
    // Nobody is the sender of a system message.
    expect((await failure(t.edit(a!, system.id, 'rewritten history'))).code).toBe('FORBIDDEN');
    const deleted = await failure(t.edit(a!, gone.id, 'back again'));
    expect(deleted.code).toBe('BAD_USER_INPUT');
    expect(deleted.fields).toHaveProperty('messageId');
    for (const text of ['   ', 'x'.repeat(10_001), 'bell \u0007']) {
      const bad = await failure(t.edit(a!, sent.id, text));
      expect(bad.code, JSON.stringify(text)).toBe('BAD_USER_INPUT');
      expect(bad.fields).toHaveProperty('text');
    }
    // 10,000 code points is the longest text, as when sending.
    expect((await ok(t.edit(a!, sent.id, '😀'.repeat(10_000)))).text).toBe('😀'.repeat(10_000));

    expect(await t.lastSeq(a!, g)).toBe(before + 1);
    const timeline = await t.timeline(b!, g);
    expect(timeline.find((m) => m.id === gone.id)).toMatchObject({ text: null, editedAt: null });
  });
});
