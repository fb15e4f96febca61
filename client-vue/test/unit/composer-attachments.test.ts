import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageComposer from '../../src/components/MessageComposer.vue';
import type { DraftFile } from '../../src/media/attachment.rules';

function setup() {
  const wrapper = mount(MessageComposer, { props: { attachments: true } });
  // What picking, pasting and dropping end in.
  const addFiles = (files: File[]): void =>
    (wrapper.vm as unknown as { addFiles: (files: File[]) => void }).addFiles(files);
  return { wrapper, textarea: wrapper.get('textarea'), addFiles };
}

const png = (name = 'shot.png', size = 3) => new File(['x'.repeat(size)], name, { type: 'image/png' });

describe('MessageComposer with attachments', () => {
  it('sends chosen files with the text as their caption, then starts empty', async () => {
    const { wrapper, textarea, addFiles } = setup();
    addFiles([png('a.png'), png('b.png')]);
    await textarea.setValue('  two shots ');
    await textarea.trigger('keydown', { key: 'Enter' });
    const [caption, files] = wrapper.emitted('attach')?.[0] as [string, DraftFile[]];
    expect(caption).toBe('two shots');
    expect(files.map((f) => [f.filename, f.kind, f.byteSize])).toEqual([
      ['a.png', 'IMAGE', 3],
      ['b.png', 'IMAGE', 3],
    ]);
    expect(wrapper.emitted('send')).toBeUndefined();
    expect(wrapper.find('[data-testid=composer-files]').exists()).toBe(false);
  });

  it('sends files without a caption, and offers the microphone only when there is nothing to send', async () => {
    const { wrapper, addFiles } = setup();
    expect(wrapper.find('[data-testid=voice-record]').exists()).toBe(true);
    addFiles([png()]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=voice-record]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    expect((wrapper.emitted('attach')?.[0] as [string, DraftFile[]])[0]).toBe('');
  });

  it('says beside a refused file why it cannot be sent, and keeps it out of the message', async () => {
    const { wrapper, addFiles } = setup();
    addFiles([png(), new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })]);
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid=rejected-files]').text()).toContain('logo.svg: This type of file cannot be sent');
    expect(wrapper.get('[data-testid=composer-files]').text()).toContain('shot.png');
    await wrapper.get('[aria-label="Remove shot.png"]').trigger('click');
    expect(wrapper.find('[data-testid=composer-files]').exists()).toBe(false);
  });

  it('shows file names as text, never as markup', async () => {
    const { wrapper, addFiles } = setup();
    addFiles([png('<img src=x onerror=alert(1)>.png')]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=composer-files] img').exists()).toBe(false);
    expect(wrapper.get('[data-testid=composer-files]').text()).toContain('<img src=x onerror=alert(1)>.png');
  });
});
