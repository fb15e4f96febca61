import { describe, expect, it } from 'vitest';
import { FieldErrors } from '../shared/validate';
import { checkText, mentionedUsernames, MAX_MENTIONS } from './message-text';

describe('message text', () => {
  it('finds @usernames in order of first mention, lowercased, once each', () => {
    expect(mentionedUsernames('hi @Ana and @ben_2, @ana again; (@cy.x).')).toEqual(['ana', 'ben_2', 'cy.x']);
  });

  it('ignores e-mail addresses, too-short names and names glued to letters', () => {
    expect(mentionedUsernames('mail ana@example.com or @ab or x@ana or @@ben')).toEqual([]);
  });

  it('drops a sentence-ending dot from a name', () => {
    expect(mentionedUsernames('thanks @ana.')).toEqual(['ana']);
  });

  it('keeps at most the first mentions', () => {
    const text = Array.from({ length: MAX_MENTIONS + 5 }, (_, i) => `@user${i}`).join(' ');
    expect(mentionedUsernames(text)).toHaveLength(MAX_MENTIONS);
  });

  it('normalises line ends and refuses empty, control characters and overlong text', () => {
    const errors = new FieldErrors();
    expect(checkText(errors, ' a\r\nb ')).toBe('a\nb');
    expect(() => errors.throwIfAny()).not.toThrow();
    for (const bad of ['   ', 'a\u0000b', 'x'.repeat(10_001)]) {
      const e = new FieldErrors();
      checkText(e, bad);
      expect(() => e.throwIfAny()).toThrow(/text/);
    }
  });
});
