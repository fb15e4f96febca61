import { describe, expect, it } from 'vitest';
import { previewText } from '../../src/text/text.format';

describe('list previews', () => {
  it('drops Markdown markers and keeps the words, on one line', () => {
    expect(previewText('Lunch at *noon*, _sharp_ ~maybe~ `now`', 'MARKDOWN')).toBe('Lunch at noon, sharp maybe now');
    expect(previewText('> quoted\n- one\n2. two\n```js\ncode\n```', 'MARKDOWN')).toBe('quoted one two code');
  });

  it('leaves plain text as written, whitespace aside', () => {
    expect(previewText('2 * 3 = *6*\nok', 'PLAIN')).toBe('2 * 3 = *6* ok');
  });
});
