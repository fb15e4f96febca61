import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import TypingIndicator from '../../src/components/TypingIndicator.vue';
import MessageComposer from '../../src/components/MessageComposer.vue';
import { typingText } from '../../src/chat/typing.format';

const alice = { id: '1', displayName: 'Alice' };
const bob = { id: '2', displayName: 'Bob' };
const cat = { id: '3', displayName: 'Cat' };

describe('typingText', () => {
  it('names one, two or three people', () => {
    expect(typingText([], 0)).toBe('');
    expect(typingText([alice], 1)).toBe('Alice is typing…');
    expect(typingText([alice, bob], 2)).toBe('Alice and Bob are typing…');
    expect(typingText([alice, bob, cat], 3)).toBe('Alice, Bob and Cat are typing…');
  });

  it('counts past three people and in large groups that send only the count', () => {
    const five = [alice, bob, cat, { id: '4', displayName: 'Dan' }, { id: '5', displayName: 'Eve' }];
    expect(typingText(five, 5)).toBe('5 people are typing…');
    expect(typingText(five, 12)).toBe('12 people are typing…');
    expect(typingText([], 5)).toBe('5 people are typing…');
    expect(typingText([], 1)).toBe('1 person is typing…');
  });

  it('never names a subset as if it were everyone', () => {
    expect(typingText([alice], 2)).toBe('2 people are typing…');
  });
});

describe('TypingIndicator', () => {
  it('announces politely and empties when nobody types', async () => {
    const wrapper = mount(TypingIndicator, { props: { users: [alice, bob], count: 2 } });
    const region = wrapper.get('[data-testid=typing-indicator]');
    expect(region.attributes('aria-live')).toBe('polite');
    expect(region.text()).toBe('Alice and Bob are typing…');
    await wrapper.setProps({ users: [], count: 0 });
    expect(region.text()).toBe('');
  });

  it('renders names as text, never as markup', () => {
    const wrapper = mount(TypingIndicator, { props: { users: [{ id: '9', displayName: '<b>x</b>' }], count: 1 } });
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.text()).toContain('<b>x</b> is typing…');
  });
});

describe('MessageComposer typing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts once, refreshes at most every 3 s, and stops when cleared', async () => {
    const wrapper = mount(MessageComposer);
    const textarea = wrapper.get('textarea');
    await textarea.setValue('h');
    await textarea.setValue('he');
    await textarea.setValue('hel');
    expect(wrapper.emitted('typing')).toEqual([[true]]);
    vi.advanceTimersByTime(3100);
    await textarea.setValue('hell');
    expect(wrapper.emitted('typing')).toEqual([[true], [true]]);
    await textarea.setValue('');
    expect(wrapper.emitted('typing')).toEqual([[true], [true], [false]]);
  });

  it('stops on send and after a pause', async () => {
    const wrapper = mount(MessageComposer);
    const textarea = wrapper.get('textarea');
    await textarea.setValue('hello');
    await textarea.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('typing')).toEqual([[true], [false]]);
    await textarea.setValue('again');
    vi.advanceTimersByTime(5100);
    expect(wrapper.emitted('typing')).toEqual([[true], [false], [true], [false]]);
  });

  it('stops when it goes away mid-sentence', async () => {
    const wrapper = mount(MessageComposer);
    await wrapper.get('textarea').setValue('half a');
    const emitted = wrapper.emitted('typing');
    wrapper.unmount();
    expect(emitted).toEqual([[true], [false]]);
  });
});
