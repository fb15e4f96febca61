import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { mount } from '@vue/test-utils';
import { EXPIRY_CHECK_MS, isExpired, unexpired, useUnexpired } from '../../src/chat/message.expiry';
import MessageList from '../../src/components/MessageList.vue';
import type { MessageItemFragment } from '../../src/gql/graphql';
import { message as serverMessage } from './event-log.fixtures';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

/** A message sent at `createdAt`; with `lastReplyAt`, the first of a thread whose last reply came then. */
const message = (seq: number, createdAt: string, lastReplyAt: string | null = null): MessageItemFragment => ({
  ...serverMessage(seq, `message ${seq}`),
  createdAt,
  thread: lastReplyAt ? { replyCount: 1, lastReplyAt, participants: [] } : null,
});

describe('message expiry', () => {
  it('keeps everything when the conversation keeps messages for good', () => {
    const list = [message(1, ago(3650 * DAY))];
    expect(isExpired(list[0]!, null, NOW)).toBe(false);
    expect(unexpired(list, null, NOW)).toBe(list);
  });

  it('drops what is older than the retention, as the server does: exactly that old is still kept', () => {
    expect(isExpired(message(1, ago(7 * DAY)), 7, NOW)).toBe(false);
    expect(isExpired(message(1, ago(7 * DAY + 1)), 7, NOW)).toBe(true);
    const list = [message(1, ago(8 * DAY)), message(2, ago(6 * DAY)), message(3, ago(1000))];
    expect(unexpired(list, 7, NOW).map((m) => m.seq)).toEqual([2, 3]);
    expect(unexpired(list, 1, NOW).map((m) => m.seq)).toEqual([3]);
  });

  it('keeps a thread’s first message while a reply is newer than the retention', () => {
    expect(isExpired(message(1, ago(9 * DAY), ago(2 * DAY)), 7, NOW)).toBe(false);
    expect(isExpired(message(1, ago(9 * DAY), ago(8 * DAY)), 7, NOW)).toBe(true);
  });

  it('answers the same list when nothing expired, so the timeline does not re-render', () => {
    const list = [message(1, ago(DAY)), message(2, ago(1000))];
    expect(unexpired(list, 7, NOW)).toBe(list);
  });
});

/** The chat view's pairing: the timeline filtered by the retention, shown by the message list. */
const Timeline = defineComponent({
  props: {
    messages: { type: Array as PropType<MessageItemFragment[]>, required: true },
    days: { type: Number as PropType<number | null>, default: null },
  },
  setup(props) {
    const shown = useUnexpired(
      () => props.messages,
      () => props.days,
    );
    return () =>
      h(MessageList, {
        messages: shown.value,
        pending: [],
        meId: 'u1',
        meName: 'Ada',
        hasMoreBefore: false,
        loadingOlder: false,
      });
  },
});

describe('an open timeline under retention', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function open(messages: MessageItemFragment[], days: number | null) {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    return mount(Timeline, { props: { messages, days }, global: { stubs: { RouterLink: true } } });
  }
  const texts = (wrapper: ReturnType<typeof open>) => wrapper.findAll('.message__text').map((t) => t.text());

  it('drops messages as they expire, within a minute, and shows the empty state once none is left', async () => {
    const wrapper = open([message(1, ago(7 * DAY - 30_000)), message(2, ago(7 * DAY - 90_000))], 7);
    expect(texts(wrapper)).toEqual(['message 1', 'message 2']);

    await vi.advanceTimersByTimeAsync(EXPIRY_CHECK_MS);
    expect(texts(wrapper)).toEqual(['message 2']);

    await vi.advanceTimersByTimeAsync(EXPIRY_CHECK_MS);
    expect(texts(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain('No messages yet.');
  });

  it('applies a changed retention at once, and stops looking when messages are kept for good', async () => {
    const wrapper = open([message(1, ago(3 * DAY)), message(2, ago(1000))], null);
    expect(texts(wrapper)).toEqual(['message 1', 'message 2']);
    expect(vi.getTimerCount()).toBe(0);

    await wrapper.setProps({ days: 1 });
    expect(texts(wrapper)).toEqual(['message 2']);
    expect(vi.getTimerCount()).toBe(1);

    await wrapper.setProps({ days: null });
    expect(texts(wrapper)).toEqual(['message 1', 'message 2']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops its timer when the view goes away', () => {
    const wrapper = open([message(1, ago(1000))], 30);
    expect(vi.getTimerCount()).toBe(1);
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
