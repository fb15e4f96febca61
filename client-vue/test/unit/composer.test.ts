import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageComposer from '../../src/components/MessageComposer.vue';

function setup(props: Record<string, unknown> = {}) {
  const wrapper = mount(MessageComposer, { props });
  const textarea = wrapper.get('textarea');
  return { wrapper, textarea };
}

describe('MessageComposer', () => {
  it('sends the trimmed text on Enter and clears the field', async () => {
    const { wrapper, textarea } = setup();
    await textarea.setValue('  hello there  ');
    await textarea.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('send')).toEqual([['hello there']]);
    expect((textarea.element as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps Shift+Enter as a new line instead of sending', async () => {
    const { wrapper, textarea } = setup();
    await textarea.setValue('line one');
    await textarea.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(wrapper.emitted('send')).toBeUndefined();
  });

  it('does not send blank messages', async () => {
    const { wrapper, textarea } = setup();
    await textarea.setValue('   \n ');
    await textarea.trigger('keydown', { key: 'Enter' });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('send')).toBeUndefined();
    expect(wrapper.get('button[type=submit]').attributes('disabled')).toBeDefined();
  });

  it('counts code points, shows the limit and refuses text over it', async () => {
    const { wrapper, textarea } = setup({ maxLength: 10 });
    await textarea.setValue('😀'.repeat(9));
    expect(wrapper.get('#composer-input-counter').text()).toContain('9 / 10');
    await textarea.setValue('😀'.repeat(11));
    expect(wrapper.get('#composer-input-counter').text()).toContain('too long');
    expect(textarea.attributes('aria-invalid')).toBe('true');
    await textarea.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('send')).toBeUndefined();
  });

  it('shows the quoted message when replying and cancels with Escape', async () => {
    const { wrapper, textarea } = setup({ replyTo: { senderName: 'Ada', text: 'original' } });
    expect(wrapper.text()).toContain('Replying to Ada');
    expect(wrapper.text()).toContain('original');
    await textarea.trigger('keydown', { key: 'Escape' });
    expect(wrapper.emitted('cancelReply')).toHaveLength(1);
  });

  it('labels the text field', () => {
    const { wrapper } = setup();
    expect(wrapper.get('label[for=composer-input]').text()).toBe('Message');
  });

  it('is read-only when disabled, and ends the typing notice it had started', async () => {
    const { wrapper, textarea } = setup();
    await textarea.setValue('half a sentence');
    await textarea.trigger('input');
    expect(wrapper.emitted('typing')).toEqual([[true]]);
    await wrapper.setProps({ disabled: true });
    expect(wrapper.emitted('typing')).toEqual([[true], [false]]);
    expect(textarea.attributes('disabled')).toBeDefined();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('send')).toBeUndefined();
  });

  it('offers members for the @word being typed and completes it from the keyboard', async () => {
    const members = [
      { id: 'u1', username: 'me', displayName: 'Me' },
      { id: 'u2', username: 'bob', displayName: 'Bob' },
      { id: 'u3', username: 'bea', displayName: 'Bea' },
    ];
    const { wrapper, textarea } = setup({ members, meId: 'u1' });
    await textarea.setValue('hi @b');
    const options = () => wrapper.findAll('[role=option]').map((o) => o.text());
    expect(options()).toEqual(['Bea @bea', 'Bob @bob']);
    expect(textarea.attributes('aria-activedescendant')).toBe('composer-input-mentions-0');
    await textarea.trigger('keydown', { key: 'ArrowDown' });
    await textarea.trigger('keydown', { key: 'Enter' });
    expect((textarea.element as HTMLTextAreaElement).value).toBe('hi @bob ');
    expect(wrapper.emitted('send')).toBeUndefined();
    expect(options()).toEqual([]);
  });

  it('shows the formatting hint on demand', async () => {
    const { wrapper } = setup();
    expect(wrapper.find('[data-testid=format-hint]').exists()).toBe(false);
    await wrapper.get('button[aria-label="Formatting help"]').trigger('click');
    expect(wrapper.get('[data-testid=format-hint]').text()).toContain('*bold*');
  });
});
