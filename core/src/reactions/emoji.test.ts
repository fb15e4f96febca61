import { describe, expect, it } from 'vitest';
import { isOneEmoji } from './emoji';

describe('isOneEmoji', () => {
  it.each(['👍', '❤️', '🎉', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '#️⃣', '1️⃣', '🫠'])('accepts %s', (e) => {
    expect(isOneEmoji(e)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['two emoji', '👍👍'],
    ['a letter', 'a'],
    ['a digit alone', '1'],
    ['text around an emoji', 'ok👍'],
    ['an emoji and a space', '👍 '],
    ['a lone regional indicator', '🇫'],
    ['a long joiner chain', Array.from({ length: 20 }, () => '👍').join('\u200d')],
    ['markup', '<b>'],
  ])('refuses %s', (_what, e) => {
    expect(isOneEmoji(e)).toBe(false);
  });
});
