import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationEvent, EventSink } from '../../src/event-log/event.transport';
import { pollTransport } from '../../src/event-log/poll.transport';
import { added, resyncRequired } from './event-log.fixtures';

interface Call {
  operation: string;
  variables: Record<string, unknown>;
  signal: AbortSignal;
  answer(data: unknown): void;
  fail(error: unknown): void;
}

/** An Apollo Client whose queries wait until the test answers them. */
function fakeClient() {
  const calls: Call[] = [];
  let arrived: (() => void) | null = null;
  const query = vi.fn(
    (options: {
      query: { definitions: readonly { name?: { value: string } }[] };
      variables: Record<string, unknown>;
      context: { fetchOptions: { signal: AbortSignal } };
    }) =>
      new Promise((resolve, reject) => {
        const { signal } = options.context.fetchOptions;
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        calls.push({
          operation: options.query.definitions[0]?.name?.value ?? '',
          variables: options.variables,
          signal,
          answer: (data) => resolve({ data }),
          fail: reject,
        });
        arrived?.();
      }),
  );
  return {
    client: { query } as never,
    calls,
    /** Resolves once `n` polls have been made. */
    async polls(n: number): Promise<Call> {
      while (calls.length < n) await new Promise<void>((resolve) => (arrived = resolve));
      return calls[n - 1]!;
    },
  };
}

function recordingSink() {
  const events: ConversationEvent[] = [];
  const errors: unknown[] = [];
  const sink: EventSink = { next: (event) => events.push(event), error: (error) => errors.push(error) };
  return { sink, events, errors };
}

const batch = (events: ConversationEvent[], lastSeq: number) => ({
  pollConversationEvents: { __typename: 'EventBatch', events, lastSeq },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('long-poll transport', () => {
  it('polls at once from the given seq, then waits for more after each answer’s lastSeq', async () => {
    const fake = fakeClient();
    const report = { connected: vi.fn(), failed: vi.fn() };
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined, report });
    const out = recordingSink();
    const stop = transport.subscribe({ conversationId: 'c1', afterSeq: 5 }, out.sink);

    const first = await fake.polls(1);
    expect(first.operation).toBe('PollConversationEvents');
    expect(first.variables).toEqual({ conversationId: 'c1', afterSeq: 5, waitMs: 0 });
    first.answer(batch([added(6), added(7)], 7));

    const second = await fake.polls(2);
    expect(second.variables).toEqual({ conversationId: 'c1', afterSeq: 7, waitMs: 25_000 });
    expect(out.events.map((e) => e.seq)).toEqual([6, 7]);
    expect(report.connected).toHaveBeenCalledTimes(1);
    // Nothing came in time: the next poll starts from the same seq.
    second.answer(batch([], 7));
    expect((await fake.polls(3)).variables).toMatchObject({ afterSeq: 7 });
    stop();
  });

  it('follows the inbox from now, then from each answer’s cursor', async () => {
    const fake = fakeClient();
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined, waitMs: 1000 });
    const out = recordingSink();
    const stop = transport.subscribe('inbox', out.sink);
    const first = await fake.polls(1);
    expect(first.operation).toBe('PollInboxEvents');
    expect(first.variables).toEqual({ cursor: null, waitMs: 0 });
    first.answer({ pollInboxEvents: { __typename: 'InboxBatch', cursor: 'k1', events: [added(3)] } });
    expect((await fake.polls(2)).variables).toEqual({ cursor: 'k1', waitMs: 1000 });
    expect(out.events.map((e) => e.seq)).toEqual([3]);
    stop();
  });

  it('ends with sink.error on an answer the next poll would repeat (RESYNC_REQUIRED), without reporting a failure', async () => {
    const fake = fakeClient();
    const report = { connected: vi.fn(), failed: vi.fn() };
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined, report });
    const out = recordingSink();
    transport.subscribe({ conversationId: 'c1', afterSeq: 0 }, out.sink);
    (await fake.polls(1)).fail(resyncRequired());
    await settle();
    expect(out.errors).toHaveLength(1);
    expect(CombinedGraphQLErrors.is(out.errors[0])).toBe(true);
    expect(report.failed).not.toHaveBeenCalled();
    expect(fake.calls).toHaveLength(1);
  });

  it('ends with sink.error on a network error too, and reports it so the selector retries', async () => {
    const fake = fakeClient();
    const report = { connected: vi.fn(), failed: vi.fn() };
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined, report });
    const out = recordingSink();
    transport.subscribe('inbox', out.sink);
    const failure = new TypeError('Failed to fetch');
    (await fake.polls(1)).fail(failure);
    await settle();
    expect(out.errors).toEqual([failure]);
    expect(report.failed).toHaveBeenCalledWith(failure);
    expect(fake.calls).toHaveLength(1);
  });

  it('stopping aborts the poll in flight and delivers nothing more', async () => {
    const fake = fakeClient();
    const report = { connected: vi.fn(), failed: vi.fn() };
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined, report });
    const out = recordingSink();
    const stop = transport.subscribe({ conversationId: 'c1', afterSeq: 2 }, out.sink);
    const first = await fake.polls(1);
    first.answer(batch([], 2));
    const second = await fake.polls(2);
    stop();
    expect(second.signal.aborted).toBe(true);
    second.answer(batch([added(3)], 3));
    await settle();
    expect(out.events).toEqual([]);
    expect(out.errors).toEqual([]);
    expect(report.failed).not.toHaveBeenCalled();
    expect(fake.calls).toHaveLength(2);
  });

  it('stops between events when one of them ends the subscription (the viewer’s own removal)', async () => {
    const fake = fakeClient();
    const transport = pollTransport({ client: fake.client, onReconnect: () => () => undefined });
    const events: number[] = [];
    let stop = () => undefined as void;
    stop = transport.subscribe(
      { conversationId: 'c1', afterSeq: 0 },
      {
        next: (event) => {
          events.push(event.seq);
          if (event.seq === 1) stop();
        },
        error: () => undefined,
      },
    );
    (await fake.polls(1)).answer(batch([added(1), added(2)], 2));
    await settle();
    expect(events).toEqual([1]);
    expect(fake.calls).toHaveLength(1);
  });
});
