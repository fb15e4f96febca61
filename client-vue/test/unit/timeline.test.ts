import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/chat/timeline.store';
import type { MessageItemFragment } from '../../src/gql/graphql';

function message(seq: number, text = `m${seq}`): MessageItemFragment {
  return {
    id: `id${seq}`,
    conversationId: 'c1',
    seq,
    clientMessageId: null,
    kind: 'TEXT',
    text,
    createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    editedAt: null,
    deletedAt: null,
    sender: { id: 'u2', username: 'bob', displayName: 'Bob' },
    replyTo: null,
  };
}

const added = (seq: number) => ({ __typename: 'MessageAdded', seq, message: message(seq) });

describe('Timeline', () => {
  it('applies each event once: replays and duplicates at or below the applied seq are ignored', () => {
    const timeline = new Timeline('c1');
    const heard: number[] = [];
    timeline.onMessage((m) => heard.push(m.seq));
    for (const seq of [1, 2, 3, 2, 3, 4, 1]) timeline.applyEvent(added(seq));
    expect(timeline.messages.value.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(timeline.appliedSeq).toBe(4);
    expect(heard).toEqual([1, 2, 3, 4]);
  });

  it('advances past events that carry no message, so a resume does not replay them', () => {
    const timeline = new Timeline('c1');
    timeline.applyEvent(added(1));
    timeline.applyEvent({ __typename: 'MemberJoined', seq: 2 });
    timeline.applyEvent(added(3));
    expect(timeline.appliedSeq).toBe(3);
    expect(timeline.messages.value.map((m) => m.seq)).toEqual([1, 3]);
  });

  it('shows our own sent message once, whether the send answer or the live event comes first', () => {
    const timeline = new Timeline('c1');
    timeline.addSent(message(1));
    timeline.applyEvent(added(1));
    timeline.applyEvent(added(2));
    timeline.addSent(message(2));
    expect(timeline.messages.value.map((m) => m.id)).toEqual(['id1', 'id2']);
  });

  it('replaces a message in place when it is updated', () => {
    const timeline = new Timeline('c1');
    timeline.applyEvent(added(1));
    timeline.applyEvent({
      __typename: 'MessageUpdated',
      seq: 2,
      message: { ...message(1, 'edited'), editedAt: new Date().toISOString() },
    });
    expect(timeline.messages.value).toHaveLength(1);
    expect(timeline.messages.value[0]?.text).toBe('edited');
  });
});
