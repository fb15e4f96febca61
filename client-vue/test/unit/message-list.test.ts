import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageList from '../../src/components/MessageList.vue';
import type { MessageItemFragment } from '../../src/gql/graphql';
import type { OutboxEntry } from '../../src/offline/offline.db';

const ada = { id: 'u1', username: 'ada', displayName: 'Ada' };
const bob = { id: 'u2', username: 'bob', displayName: 'Bob' };

function message(
  seq: number,
  sender: typeof ada,
  text: string,
  createdAt: string,
  extra: Partial<MessageItemFragment> = {},
): MessageItemFragment {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientMessageId: `cm${seq}`,
    kind: 'TEXT',
    text,
    createdAt,
    editedAt: null,
    deletedAt: null,
    sender,
    replyTo: null,
    format: 'PLAIN',
    threadRootId: null,
    mentions: [],
    reactions: [],
    forwardedFrom: null,
    attachments: [],
    location: null,
    thread: null,
    receipt: null,
    ...extra,
  };
}

function mountList(messages: MessageItemFragment[], pending: OutboxEntry[] = []) {
  return mount(MessageList, {
    props: { messages, pending, meId: 'u1', meName: 'Ada', hasMoreBefore: false, loadingOlder: false },
    global: { stubs: { RouterLink: true } },
  });
}

describe('MessageList', () => {
  it('renders messages in order with a separator per day and groups consecutive messages of one sender', () => {
    const wrapper = mountList([
      message(1, bob, 'day one', '2024-03-01T10:00:00.000Z'),
      message(2, bob, 'still day one', '2024-03-01T10:01:00.000Z'),
      message(3, ada, 'next day', '2024-03-02T10:00:00.000Z'),
    ]);
    const items = wrapper.findAll('[data-testid=message]');
    expect(items.map((i) => i.find('.message__text').text())).toEqual(['day one', 'still day one', 'next day']);
    expect(wrapper.findAll('[role=separator]')).toHaveLength(2);
    expect(items[0]?.classes()).not.toContain('message--grouped');
    expect(items[1]?.classes()).toContain('message--grouped');
    expect(items[2]?.classes()).toContain('message--mine');
  });

  it('never renders user text as HTML and only links http(s) URLs', () => {
    const wrapper = mountList([
      message(
        1,
        bob,
        '<img src=x onerror=alert(1)> see https://example.com/a?b=1. or javascript:alert(1)',
        '2024-03-01T10:00:00.000Z',
      ),
    ]);
    expect(wrapper.find('img').exists()).toBe(false);
    const links = wrapper.findAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.attributes('href')).toBe('https://example.com/a?b=1');
    expect(links[0]?.attributes('rel')).toBe('noopener noreferrer');
    expect(links[0]?.attributes('target')).toBe('_blank');
    expect(wrapper.text()).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows replies with the quoted message', () => {
    const original = message(1, bob, 'lunch?', '2024-03-01T10:00:00.000Z');
    const reply = message(2, ada, 'yes!', '2024-03-01T10:02:00.000Z', {
      replyTo: {
        id: 'm1',
        seq: 1,
        kind: 'TEXT',
        text: 'lunch?',
        deletedAt: null,
        threadRootId: null,
        sender: { id: 'u2', displayName: 'Bob' },
      },
    });
    const wrapper = mountList([original, reply]);
    const quote = wrapper.findAll('[data-testid=message]')[1]?.find('blockquote');
    expect(quote?.text()).toContain('Bob');
    expect(quote?.text()).toContain('lunch?');
  });

  it('shows outbox entries after sent messages as pending or failed, and hides those already confirmed', async () => {
    const entry = (id: string, status: 'pending' | 'failed', text: string): OutboxEntry => ({
      localId: 1,
      clientMessageId: id,
      conversationId: 'c1',
      senderId: 'u1',
      text,
      replyToId: null,
      createdAt: '2024-03-01T10:05:00.000Z',
      status,
    });
    const wrapper = mountList(
      [message(1, ada, 'confirmed', '2024-03-01T10:00:00.000Z')],
      [entry('cm1', 'pending', 'confirmed'), entry('x', 'pending', 'on its way'), entry('y', 'failed', 'rejected')],
    );
    expect(wrapper.findAll('[data-testid=message]')).toHaveLength(1);
    expect(wrapper.get('[data-testid=message-pending]').text()).toContain('Sending');
    const failed = wrapper.get('[data-testid=message-failed]');
    expect(failed.text()).toContain('Not sent');
    await failed.get('button').trigger('click');
    expect(wrapper.emitted('retry')).toEqual([['y']]);
  });

  it('announces new messages from others in a live region', async () => {
    const wrapper = mountList([message(1, ada, 'hi', '2024-03-01T10:00:00.000Z')]);
    const live = wrapper.get('[data-testid=announcer]');
    expect(live.attributes('aria-live')).toBe('polite');
    await wrapper.setProps({
      messages: [
        message(1, ada, 'hi', '2024-03-01T10:00:00.000Z'),
        message(2, bob, 'hello Ada', '2024-03-01T10:01:00.000Z'),
      ],
    });
    expect(live.text()).toBe('Bob: hello Ada');
    // A notice (a role change, someone added) is read out as it is, without a sender.
    const notice = message(3, bob, 'Bob is now an admin', '2024-03-01T10:02:00.000Z', { kind: 'SYSTEM', sender: null });
    await wrapper.setProps({ messages: [...wrapper.props('messages'), notice] });
    expect(live.text()).toBe('Bob is now an admin');
  });

  it('in a conversation closed to the viewer, offers neither retry nor reply', () => {
    const failed: OutboxEntry = {
      localId: 1,
      clientMessageId: 'x',
      conversationId: 'c1',
      senderId: 'u1',
      text: 'late',
      replyToId: null,
      createdAt: '2024-03-01T10:05:00.000Z',
      status: 'failed',
      error: 'You are no longer a member of this conversation',
    };
    const wrapper = mount(MessageList, {
      props: {
        messages: [message(1, bob, 'hi', '2024-03-01T10:00:00.000Z')],
        pending: [failed],
        meId: 'u1',
        meName: 'Ada',
        hasMoreBefore: false,
        loadingOlder: false,
        closed: true,
      },
    });
    expect(wrapper.get('[data-testid=message-failed]').text()).toContain(
      'Not sent: You are no longer a member of this conversation',
    );
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Delete']);
  });
});
