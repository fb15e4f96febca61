import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SearchHighlight from '../../src/components/SearchHighlight.vue';
import { snippetParts } from '../../src/text/snippet';

describe('search snippets', () => {
  it('splits the matches the server marked with « and »', () => {
    expect(snippetParts('…we «met» at the «café» today')).toEqual([
      { text: '…we ', match: false },
      { text: 'met', match: true },
      { text: ' at the ', match: false },
      { text: 'café', match: true },
      { text: ' today', match: false },
    ]);
    expect(snippetParts('«whole»')).toEqual([{ text: 'whole', match: true }]);
    expect(snippetParts('cut «mid')).toEqual([
      { text: 'cut ', match: false },
      { text: 'mid', match: true },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', match: false }]);
  });

  it('renders matches as <mark> and the message text as text, never as HTML', () => {
    const wrapper = mount(SearchHighlight, { props: { snippet: '<img src=x onerror=alert(1)> «<b>lunch</b>»' } });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.findAll('mark').map((m) => m.text())).toEqual(['<b>lunch</b>']);
    expect(wrapper.text()).toContain('<img src=x onerror=alert(1)>');
  });
});
