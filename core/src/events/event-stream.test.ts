import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryConversationStore } from '../memory/conversation.store';
import { createTestDomain, nextOrIdle, take, within, type TestDomain } from '../../test/test-domain';
import type { ConversationStore } from '../ports/conversation.store';
import { EventStream } from './event-stream';

describe('conversation event streams', () => {
  let d: TestDomain;
  // Fake timers: the feeds' gap-fill delay only runs when a test moves the clock, so "nothing more
  // arrives" (nextOrIdle) is checked after every due timer has fired, not after a guess of 50 ms.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    await d?.dispose();
    vi.useRealTimers();
  });

  async function group(n: number) {
    const ids = [];
    for (let i = 0; i < n; i++) ids.push(await d.user(`u${i}`));
    const conv = await d.conversations.createGroup(ids[0]!, { title: 'G', memberIds: ids.slice(1) });
    return { conv, ids };
  }
  let counter = 0;
  const send = (viewer: string, conversationId: string, text = 'hi') =>
    d.messages.send(viewer, { conversationId, clientMessageId: `c${++counter}`, text });

  it('replays stored events then goes live, with no gap or duplicate at the switch', async () => {
    // Before each replay read a message is sent and published, so on every run messages reach the
    // live feed while the replay is in progress, between its pages.
    const inner = createMemoryConversationStore();
    let duringReplay: (() => Promise<unknown>) | null = null;
    let replayReads = 0;
    const store: ConversationStore = {
      ...inner,
      async eventsAfter(id, after, limit) {
        replayReads++;
        await duringReplay?.();
        return inner.eventsAfter(id, after, limit);
      },
    };
    d = createTestDomain({ store });
    const { conv, ids } = await group(2);
    const [a, b] = [ids[0]!, ids[1]!];
    for (let i = 0; i < 450; i++) await send(a, conv.id);
    let sentDuring = 0;
    duringReplay = () => send(i2(sentDuring++) ? a : b, conv.id);
    replayReads = 0;
    const stream = await d.events.conversationEvents(b, conv.id, 0);
    duringReplay = null;
    // 451 stored events in pages of 200.
    expect(replayReads).toBeGreaterThanOrEqual(3);
    expect(sentDuring).toBe(replayReads);
    for (let i = 0; i < 5; i++) await send(a, conv.id);
    const total = 1 + 450 + sentDuring + 5;
    const events = await take(stream, total, 5000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await nextOrIdle(stream)).toBe('idle');
    await stream.return();
  });
  const i2 = (n: number) => n % 2 === 0;

  it('without afterSeq sends only events after the current head', async () => {
    d = createTestDomain();
    const { conv, ids } = await group(2);
    await send(ids[0]!, conv.id);
    const stream = await d.events.conversationEvents(ids[1]!, conv.id, null);
    await send(ids[0]!, conv.id, 'live');
    const [e] = await take(stream, 1);
    expect(e).toMatchObject({ seq: 3, type: 'MessageAdded', message: { text: 'live' } });
    await stream.return();
  });

  it('requires a resync when afterSeq is further behind than the replay limit', async () => {
    d = createTestDomain({ replayLimit: 5 });
    const { conv, ids } = await group(2);
    for (let i = 0; i < 7; i++) await send(ids[0]!, conv.id); // lastSeq 8
    await expect(d.events.conversationEvents(ids[1]!, conv.id, 2)).rejects.toMatchObject({ code: 'RESYNC_REQUIRED' });
    await expect(d.events.conversationEvents(ids[1]!, conv.id, 0)).rejects.toMatchObject({ code: 'RESYNC_REQUIRED' });
    // Exactly at the limit is still replayed, and the refused attempts left no feed behind.
    expect(d.feeds.size).toBe(0);
    const stream = await d.events.conversationEvents(ids[1]!, conv.id, 3);
    expect((await take(stream, 5)).map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    await stream.return();
    expect(d.feeds.size).toBe(0);
  });

  it('refuses non-members and bad cursors', async () => {
    d = createTestDomain();
    const { conv } = await group(2);
    const outsider = await d.user('out');
    await expect(d.events.conversationEvents(outsider, conv.id, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(d.events.conversationEvents(outsider, 'nope', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(d.events.conversationEvents(conv.id, conv.id, -1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(d.feeds.size).toBe(0);
  });

  it('ends after the viewer is removed and delivers nothing after it', async () => {
    d = createTestDomain();
    const { conv, ids } = await group(3);
    const [owner, b, c] = [ids[0]!, ids[1]!, ids[2]!];
    const stream = await d.events.conversationEvents(b, conv.id, null);
    await send(owner, conv.id, 'before');
    await d.conversations.removeMember(owner, conv.id, c); // someone else: stream goes on
    await d.conversations.removeMember(owner, conv.id, b);
    await send(owner, conv.id, 'after');
    const events = await take(stream, 10);
    expect(events.map((e) => e.type)).toEqual(['MessageAdded', 'MemberLeft', 'MessageAdded', 'MemberLeft']);
    expect(events.at(-1)).toMatchObject({ type: 'MemberLeft', userId: b });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(d.feeds.size).toBe(0);
  });

  it('leaves no listener on the feed when the stream closes while it attaches', async () => {
    const inner = createMemoryConversationStore();
    let opened: (() => void) | null = null;
    // Opening the feed reads the conversation's head: held until the stream has closed.
    const store: ConversationStore = {
      ...inner,
      async getConversations(ids) {
        if (opened === null) await new Promise<void>((resolve) => (opened = resolve));
        return inner.getConversations(ids);
      },
    };
    d = createTestDomain({ store });
    const { conv, ids } = await group(2);
    let following: Promise<void> = Promise.resolve();
    const stream = await d.events.followed(ids[1]!, async (follow) => {
      following = follow(conv.id, null);
    });
    await stream.return();
    await vi.waitFor(() => expect(opened).not.toBeNull());
    opened!();
    await following;
    expect(d.feeds.size).toBe(0);
  });

  it('ends after the viewer leaves', async () => {
    d = createTestDomain();
    const { conv, ids } = await group(2);
    const [owner, b] = [ids[0]!, ids[1]!];
    const live = await d.events.conversationEvents(owner, conv.id, 0);
    await send(b, conv.id);
    await d.conversations.leave(owner, conv.id);
    await send(b, conv.id, 'after');
    const events = await take(live, 10);
    expect(events.map((e) => e.type)).toEqual(['MessageAdded', 'MessageAdded', 'MemberUpdated', 'MemberLeft']);
    expect(await live.next()).toMatchObject({ done: true });
    const left = events.at(-1)!.seq;
    await expect(d.events.conversationEvents(owner, conv.id, left)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(d.events.conversationEvents(owner, conv.id, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a member removed while away resume up to their own MemberLeft, and no further', async () => {
    d = createTestDomain({ replayLimit: 5 });
    const { conv, ids } = await group(2);
    const [owner, b] = [ids[0]!, ids[1]!];
    await send(owner, conv.id, 'seen');
    const seen = (await d.storedEvents(conv.id)).at(-1)!.seq;
    await send(owner, conv.id, 'missed');
    await d.conversations.removeMember(owner, conv.id, b);
    await send(owner, conv.id, 'after');
    const resumed = await d.events.conversationEvents(b, conv.id, seen);
    const events = await take(resumed, 10);
    expect(events.map((e) => (e.type === 'MessageAdded' ? e.message.text : e.type))).toEqual(['missed', 'MemberLeft']);
    expect(await resumed.next()).toMatchObject({ done: true });
    // Someone who never was a member, and a cursor past the replay window, still get nothing.
    const outsider = await d.user('out');
    await expect(d.events.conversationEvents(outsider, conv.id, seen)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < 5; i++) await send(owner, conv.id, `more ${i}`);
    await expect(d.events.conversationEvents(b, conv.id, 0)).rejects.toMatchObject({ code: 'RESYNC_REQUIRED' });
  });

  it('an inbox replay that reaches the viewer leaving stops there and goes on with the rest', async () => {
    d = createTestDomain();
    const { conv, ids } = await group(2);
    const [owner, b] = [ids[0]!, ids[1]!];
    await d.conversations.removeMember(owner, conv.id, b); // seqs 2, 3
    await d.conversations.addMembers(owner, conv.id, [b]); // seqs 4, 5
    // As when the notice of the first join is handled after b left and joined again.
    const stream = new EventStream({ feeds: d.feeds, store: d.store, replayLimit: 1000 }, b, 'drop');
    expect(await within(stream.follow(conv.id, 0), 500)).not.toBe('timeout');
    expect((await take(stream, 2)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'MessageAdded'],
      [2, 'MemberLeft'],
    ]);
    await stream.return();
  });

  it('inbox follows conversations joined after subscribing and drops ones the viewer leaves', async () => {
    d = createTestDomain();
    const owner = await d.user('owner');
    const b = await d.user('b');
    const inbox = await d.events.inboxEvents(b);
    const conv = await d.conversations.createGroup(owner, { title: 'G', memberIds: [] });
    await d.conversations.addMembers(owner, conv.id, [b]);
    await send(owner, conv.id, 'welcome');
    const got = await take(inbox, 3);
    expect(got.map((e) => [e.type, e.seq])).toEqual([
      ['MemberJoined', 2],
      ['MessageAdded', 3],
      ['MessageAdded', 4],
    ]);
    await d.conversations.leave(b, conv.id);
    await send(owner, conv.id, 'gone');
    const [left] = await take(inbox, 1);
    expect(left).toMatchObject({ type: 'MemberLeft', userId: b });
    expect(await nextOrIdle(inbox)).toBe('idle');
    await inbox.return();
  });
});
