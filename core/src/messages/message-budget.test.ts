import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';
import type { RateLimiter, RateLimiterFactory } from '../ports/rate-limiter';
import { RateLimitedError } from '../shared/errors';

/** Limiters that record when each spend starts and ends, refusing the buckets named in `refuse`. */
function recordingLimiters(refuse: string[] = []) {
  const log: string[] = [];
  const factory: RateLimiterFactory = (name): RateLimiter => ({
    async consume() {
      log.push(`${name} start`);
      // A spend that takes a round trip, as one to a shared store does.
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`${name} end`);
      if (refuse.includes(name)) throw new RateLimitedError(1000);
    },
    blockedFor: async () => 0,
    reset: async () => undefined,
  });
  return { factory, spends: () => log.filter((e) => /^(send|dup) /.test(e)) };
}

describe('message writer: the sender’s budget', () => {
  let d: TestDomain;
  afterEach(() => d.dispose());

  /** Sends `text` into a new group of its own; resolves with the send's outcome and the group's events. */
  async function sendWith(limiters: ReturnType<typeof recordingLimiters>, text: string) {
    d = createTestDomain({ rateLimiters: limiters.factory });
    const a = await d.user('a');
    const conv = await d.conversations.createGroup(a, { title: 'G', memberIds: [] });
    const outcome = await d.messages.send(a, { conversationId: conv.id, clientMessageId: randomUUID(), text }).then(
      () => null,
      (err: unknown) => err,
    );
    return { outcome, events: await d.storedEvents(conv.id) };
  }

  it('spends the send and the repeated-text buckets together, not one after the other', async () => {
    const limiters = recordingLimiters();
    const { outcome, events } = await sendWith(limiters, 'hello');
    expect(outcome).toBeNull();
    expect(events).toHaveLength(2);
    expect(limiters.spends()).toEqual(['send start', 'dup start', 'send end', 'dup end']);
  });

  it('refuses with the send budget’s error when both refuse, and names the repeated text when only it does', async () => {
    const both = await sendWith(recordingLimiters(['send', 'dup']), 'hello');
    expect(both.outcome).toMatchObject({ code: 'RATE_LIMITED', message: expect.not.stringMatching(/same message/) });
    expect(both.events).toHaveLength(1);
    await d.dispose();
    const repeated = await sendWith(recordingLimiters(['dup']), 'hello');
    expect(repeated.outcome).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/same message/) });
    expect(repeated.events).toHaveLength(1);
  });

  it('does not count a text without words (a file or a place alone) as a repeat', async () => {
    const limiters = recordingLimiters();
    d = createTestDomain({ rateLimiters: limiters.factory });
    const a = await d.user('a');
    const conv = await d.conversations.createGroup(a, { title: 'G', memberIds: [] });
    const location = { latitude: 52.5, longitude: 13.4 };
    await d.messages.send(a, { conversationId: conv.id, clientMessageId: 'k', text: '', location });
    expect(limiters.spends()).toEqual(['send start', 'send end']);
  });
});
