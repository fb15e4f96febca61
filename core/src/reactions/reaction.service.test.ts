import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';
import type { Message } from '../messages/message.model';
import { MAX_REACTION_EMOJI } from './reaction.service';

describe('reactions', () => {
  let d: TestDomain;
  let ana: string;
  let ben: string;
  let m: Message;
  let groupId: string;
  beforeEach(async () => {
    d = createTestDomain();
    [ana, ben] = [await d.user('ana'), await d.user('ben')];
    groupId = (await d.conversations.createGroup(ana, { title: 'G', memberIds: [ben] })).id;
    m = await d.messages.send(ana, { conversationId: groupId, clientMessageId: randomUUID(), text: 'hi' });
  });
  afterEach(() => d.dispose());
  const eventCount = async () => (await d.storedEvents(groupId)).length;

  it('groups reactions by emoji in order of first use, with the reactors in order', async () => {
    await d.reactions.add(ben, m.id, '🎉');
    await d.reactions.add(ana, m.id, '👍');
    const after = await d.reactions.add(ben, m.id, '👍');
    expect(after.reactions).toEqual([
      { emoji: '🎉', count: 1, userIds: [ben] },
      { emoji: '👍', count: 2, userIds: [ana, ben] },
    ]);
    const last = (await d.storedEvents(groupId)).at(-1)!;
    expect(last.type === 'MessageUpdated' && last.message.reactions[1]?.users?.map((u) => u.id)).toEqual([ana, ben]);
  });

  it('is idempotent: reacting twice or removing what is not there emits nothing', async () => {
    await d.reactions.add(ben, m.id, '👍');
    const n = await eventCount();
    await d.reactions.add(ben, m.id, '👍');
    await d.reactions.remove(ben, m.id, '🎉');
    expect(await eventCount()).toBe(n);
    expect((await d.reactions.remove(ben, m.id, '👍')).reactions).toEqual([]);
    expect(await eventCount()).toBe(n + 1);
  });

  it('refuses what is not one emoji, a 21st emoji, deleted and system messages, and outsiders', async () => {
    for (const bad of ['', 'ok', '👍👍', '👍 ']) {
      await expect(d.reactions.add(ben, m.id, bad)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { emoji: 'must be a single emoji' },
      });
    }
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗'];
    expect(emoji).toHaveLength(MAX_REACTION_EMOJI);
    for (const e of emoji) await d.reactions.add(ben, m.id, e);
    await expect(d.reactions.add(ben, m.id, '🤩')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // Another reaction with an emoji already there is still fine.
    expect((await d.reactions.add(ana, m.id, '😀')).reactions[0]).toMatchObject({ count: 2 });
    const outsider = await d.user('out');
    await expect(d.reactions.add(outsider, m.id, '👍')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [system] = (await d.history(ana)).messages;
    await expect(d.reactions.add(ben, system!.id, '👍')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await d.messageEdits.delete(ana, m.id, true);
    await expect(d.reactions.add(ben, m.id, '👍')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('stores every reaction when many people react to one message at once, one event each', async () => {
    const others = await Promise.all(Array.from({ length: 30 }, (_, i) => d.user(`r${i}`)));
    const g = await d.conversations.createGroup(ana, { title: 'G', memberIds: others });
    const msg = await d.messages.send(ana, { conversationId: g.id, clientMessageId: 'k', text: 'react' });

    const results = await Promise.allSettled(others.map((u, i) => d.reactions.add(u, msg.id, i % 2 ? '🔥' : '👍')));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const events = (await d.storedEvents(g.id)).slice(2);
    expect(events.map((e) => [e.seq, e.type])).toEqual(others.map((_, i) => [i + 3, 'MessageUpdated']));
    const last = events[events.length - 1]!;
    if (last.type !== 'MessageUpdated') throw new Error('not a MessageUpdated');
    expect(last.message.reactions.map((r) => [r.emoji, r.count])).toEqual([
      ['👍', 15],
      ['🔥', 15],
    ]);
    // Events name the first reactors they could; whoever reads them loads the rest.
    for (const group of last.message.reactions) {
      expect(group.userIds.slice(0, group.users!.length)).toEqual(group.users!.map((u) => u.id));
    }
  });
});
