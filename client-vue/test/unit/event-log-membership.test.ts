import { describe, expect, it } from 'vitest';
import { joined, left, message, ME, setup } from './event-log.fixtures';

type Harness = ReturnType<typeof setup>;

async function openC1(h: Harness) {
  const subscribed = h.wire.next();
  h.log.open('c1');
  return await subscribed;
}

describe('event log: the viewer’s own membership', () => {
  it('marks a conversation the viewer was removed from, once, whichever subscription says so first', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    const gone: string[] = [];
    h.log.onLeft((id) => gone.push(id));
    const subscription = await openC1(h);

    subscription.sink.next(left(3, 'u3'));
    expect(h.log.channel('c1').removed.value).toBe(false);
    inbox?.sink.next(left(4, ME));
    subscription.sink.next(left(4, ME));
    expect(h.log.channel('c1').removed.value).toBe(true);
    expect(gone).toEqual(['c1']);
    // The server ended the subscription and would refuse a new one: none is made, after a reconnect either.
    expect(subscription.closed).toBe(true);
    h.wire.reconnect();
    expect(h.wire.open('conversation')).toHaveLength(0);
  });

  it('starts from a new snapshot when the viewer is added back, rather than replay what happened meanwhile', async () => {
    const h = setup();
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    const subscription = await openC1(h);
    subscription.sink.next(left(3, ME));
    expect(h.log.channel('c1').removed.value).toBe(true);

    h.server.state.messages = [message(1), message(2), message(9)];
    const resubscribed = h.wire.next();
    inbox?.sink.next(joined(8, 'u4'));
    expect(h.log.channel('c1').removed.value).toBe(true);
    inbox?.sink.next(joined(9, ME));
    expect(h.log.channel('c1').removed.value).toBe(false);
    expect((await resubscribed).source).toEqual({ conversationId: 'c1', afterSeq: 9 });
    expect(h.server.state.requests.filter((r) => r === 'Messages')).toHaveLength(2);
  });
});
