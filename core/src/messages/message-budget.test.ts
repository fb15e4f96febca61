import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';
import { createMemoryUserStore } from '../memory';
import type { RateLimiter, RateLimiterFactory } from '../ports/rate-limiter';
import { RateLimitedError } from '../shared/errors';

/** Limiters that record what each spend was for, refusing the buckets named in `refuse`. */
function recordingLimiters(refuse: string[] = []) {
  const log: string[] = [];
  const factory: RateLimiterFactory = (name): RateLimiter => ({
    async consume() {
      log.push(name);
      if (refuse.includes(name)) throw new RateLimitedError(1000);
    },
    blockedFor: async () => 0,
    reset: async () => undefined,
  });
  return { factory, spends: () => log.filter((e) => e === 'send' || e === 'dup') };
}

describe('message writer: the sender’s budget', () => {
  let d: TestDomain;
  afterEach(() => d.dispose());

  /** Sends `input` into a new group of its own; resolves with the send's outcome and the group's events. */
  async function sendWith(
    limiters: ReturnType<typeof recordingLimiters>,
    input: { text: string; location?: { latitude: number; longitude: number } },
  ) {
    d = createTestDomain({ rateLimiters: limiters.factory });
    const a = await d.user('a');
    const conv = await d.conversations.createGroup(a, { title: 'G', memberIds: [] });
    const outcome = await d.messages.send(a, { conversationId: conv.id, clientMessageId: randomUUID(), ...input }).then(
      () => null,
      (err: unknown) => err,
    );
    return { outcome, events: await d.storedEvents(conv.id) };
  }

  it('spends the send budget, then the repeated-text budget', async () => {
    const limiters = recordingLimiters();
    const { outcome, events } = await sendWith(limiters, { text: 'hello' });
    expect(outcome).toBeNull();
    expect(events).toHaveLength(2);
    expect(limiters.spends()).toEqual(['send', 'dup']);
  });

  it('does not count a send refused for its rate as a repeat, so a retried message is not refused as one', async () => {
    const limiters = recordingLimiters(['send']);
    const { outcome, events } = await sendWith(limiters, { text: 'hello' });
    expect(outcome).toMatchObject({ code: 'RATE_LIMITED', message: expect.not.stringMatching(/same message/) });
    expect(events).toHaveLength(1);
    expect(limiters.spends()).toEqual(['send']);
  });

  it('names the repeated text when only that budget refuses', async () => {
    const { outcome, events } = await sendWith(recordingLimiters(['dup']), { text: 'hello' });
    expect(outcome).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/same message/) });
    expect(events).toHaveLength(1);
  });

  it('does not count a text without words (a place alone) as a repeat', async () => {
    const limiters = recordingLimiters();
    await sendWith(limiters, { text: '', location: { latitude: 52.5, longitude: 13.4 } });
    expect(limiters.spends()).toEqual(['send']);
  });
});

describe('message writer: the sender’s row', () => {
  let d: TestDomain;
  afterEach(() => d.dispose());

  it('is read once, with the repeat check and before any budget is spent, and embedded in the event', async () => {
    const log: string[] = [];
    const users = createMemoryUserStore();
    const findByIds = users.findByIds.bind(users);
    users.findByIds = (ids) => {
      log.push(`users:${ids.length}`);
      return findByIds(ids);
    };
    const limiters = recordingLimiters();
    d = createTestDomain({
      users,
      rateLimiters: (name, options) => {
        const limiter = limiters.factory(name, options);
        return { ...limiter, consume: (key, points) => (log.push(name), limiter.consume(key, points)) };
      },
    });
    const a = await d.user('Ann');
    const conv = await d.conversations.createGroup(a, { title: 'G', memberIds: [] });
    log.length = 0;
    await d.messages.send(a, { conversationId: conv.id, clientMessageId: randomUUID(), text: 'hello' });
    expect(log.filter((e) => e === 'users:1' || e === 'send' || e === 'dup')).toEqual(['users:1', 'send', 'dup']);
    const added = (await d.storedEvents(conv.id)).at(-1);
    expect(added).toMatchObject({
      type: 'MessageAdded',
      message: { text: 'hello', sender: { id: a, displayName: 'Ann' } },
    });
  });
});

describe('message writer: a send refused in a blocked direct conversation', () => {
  let d: TestDomain;
  afterEach(() => d.dispose());

  it('spends nothing, while a repeat of a message stored before the block still answers with it', async () => {
    const limiters = recordingLimiters();
    d = createTestDomain({ rateLimiters: limiters.factory });
    const [a, b] = [await d.user('a'), await d.user('b')];
    const dm = await d.conversations.openDirect(a, b);
    const first = { conversationId: dm.id, clientMessageId: randomUUID(), text: 'before' };
    const stored = await d.messages.send(a, first);
    await d.blocks.block(b, a);
    const spent = limiters.spends().length;

    const refused = await d.messages
      .send(a, { conversationId: dm.id, clientMessageId: randomUUID(), text: 'after' })
      .catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect((await d.messages.send(a, first)).id).toBe(stored.id);
    expect(limiters.spends()).toHaveLength(spent);
    expect((await d.storedEvents(dm.id)).filter((e) => e.type === 'MessageAdded')).toHaveLength(1);
  });
});
