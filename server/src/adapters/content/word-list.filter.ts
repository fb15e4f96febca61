import type { ContentFilter } from '@parley/core';

/**
 * Refuses text containing any listed word as a whole word, ignoring case and accents, so
 * "Spam" and "spám" match "spam" but "spammer" does not.
 */
export function createWordListFilter(words: readonly string[]): ContentFilter {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const blocked = new Set(words.map(fold).filter(Boolean));
  return {
    async check(text) {
      if (blocked.size === 0) return null;
      for (const word of fold(text).split(/[^\p{L}\p{N}_]+/u)) {
        if (blocked.has(word)) return 'contains a blocked word';
      }
      return null;
    },
  };
}
