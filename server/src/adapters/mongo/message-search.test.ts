import { describe, expect, it } from 'vitest';
import { snippetOf, toTextSearch } from './message-search';

describe('MongoDB text search queries', () => {
  it('ANDs words as web search does, by making each a phrase, unless the query says or', () => {
    expect(toTextSearch('rope knot')).toEqual({ search: '"rope" "knot"', words: ['rope', 'knot'] });
    expect(toTextSearch('rope or knot')).toEqual({ search: 'rope knot', words: ['rope', 'knot'] });
    expect(toTextSearch('"blue rope" -red')).toEqual({ search: '"blue rope" -red', words: ['blue', 'rope'] });
    expect(toTextSearch('-"red rope"').search).toBe('-"red rope"');
    expect(toTextSearch('  ').search).toBe('');
  });

  it('marks matches in a snippet around the first, as PostgreSQL’s headline does', () => {
    expect(snippetOf('We climb the north face at dawn', ['north', 'dawn'])).toBe('We climb the «north» face at «dawn»');
    const long = `${'a '.repeat(100)}target word ${'b '.repeat(150)}`;
    const s = snippetOf(long, ['target']);
    expect(s.startsWith('… ')).toBe(true);
    expect(s.endsWith(' …')).toBe(true);
    expect(s).toContain('«target»');
  });
});
