// @vitest-environment jsdom
// DOMPurify needs a faithful DOM: happy-dom's parser let <script> and onerror through in a trial, so a test of
// the sanitizer there would pass whatever the code did.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, splitMentions } from '../../src/text/markdown';

/** The rendered HTML as elements, the way the page gets it. */
function dom(source: string, mentions: string[] = []): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = renderMarkdown(source, mentions);
  return el;
}

describe('Markdown messages', () => {
  it('renders the chat subset: one star or two for bold, underscores italic, one tilde or two struck', () => {
    const el = dom('*bold* **also** _italic_ ~gone~ ~~also gone~~ `x < y`');
    expect([...el.querySelectorAll('strong')].map((e) => e.textContent)).toEqual(['bold', 'also']);
    expect(el.querySelector('em')?.textContent).toBe('italic');
    expect([...el.querySelectorAll('s')].map((e) => e.textContent)).toEqual(['gone', 'also gone']);
    expect(el.querySelector('code')?.textContent).toBe('x < y');
  });

  it('renders fenced code, quotes, lists and line breaks', () => {
    const el = dom('```\nconst a = "<b>";\n```\n\n> quoted\n\n- one\n- two\n\n1. first\n\nline\nbreak');
    expect(el.querySelector('pre code')?.textContent).toBe('const a = "<b>";\n');
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(el.querySelectorAll('ul li')).toHaveLength(2);
    expect(el.querySelectorAll('ol li')).toHaveLength(1);
    expect(el.querySelector('br')).not.toBeNull();
  });

  it('never lets HTML through: tags written in a message are shown as text', () => {
    const source = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>';
    const el = dom(source);
    expect(el.querySelector('script, img, [onerror]')).toBeNull();
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toContain('<script>alert(1)</script>');
    expect(dom('```\n<script>alert(1)</script>\n```').querySelector('script')).toBeNull();
  });

  it('links only http, https and mailto, opening outside the app without a referrer', () => {
    const el = dom(
      '[a](javascript:alert(1)) [b](data:text/html,<b>x</b>) [c](vbscript:x) [d](https://example.com) [e](mailto:a@b.co) http://bare.example',
    );
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com',
      'mailto:a@b.co',
      'http://bare.example',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(el.textContent).toContain('[a](javascript:alert(1))');
  });

  it('shows images, headings, tables, rules and link references as the text that was written', () => {
    const el = dom(
      '![cat](https://example.com/cat.png)\n\n# Title\n\n---\n\n| a |\n|---|\n| 1 |\n\n[x]: https://e.com',
    );
    expect(el.querySelector('img, h1, hr, table')).toBeNull();
    expect(el.textContent).toContain('# Title');
    expect(el.textContent).toContain('[x]: https://e.com');
  });

  it('highlights the mentions the server found, not other @words, nor inside code or links', () => {
    const el = dom('@ada and @Ada, not @zed; `@ada` [@ada](https://e.com)', ['ada']);
    const marked = [...el.querySelectorAll('.mention')];
    expect(marked.map((m) => m.textContent)).toEqual(['@ada', '@Ada']);
    expect(marked[0]?.getAttribute('data-mention')).toBe('ada');
  });

  it('splits plain text around mentions for messages shown as written', () => {
    expect(splitMentions('hi @bob.b!', new Set(['bob.b']))).toEqual([
      { text: 'hi ', mention: null },
      { text: '@bob.b', mention: 'bob.b' },
      { text: '!', mention: null },
    ]);
  });
});
