import { describe, expect, it } from 'vitest';
import { SmallMap } from './small-map';

describe('SmallMap', () => {
  it('behaves as a Map from none to one entry, to several and back', () => {
    const m = new SmallMap<string, number>();
    expect([m.size, m.get('a'), m.has('a'), m.delete('a')]).toEqual([0, undefined, false, false]);
    m.set('a', 1);
    expect([m.size, m.get('a'), m.has('a'), m.get('b'), m.has('b')]).toEqual([1, 1, true, undefined, false]);
    m.set('a', 2);
    expect([m.size, m.get('a')]).toEqual([1, 2]);
    m.set('b', 3).set('c', 4);
    expect(m.entries()).toEqual([
      ['a', 2],
      ['b', 3],
      ['c', 4],
    ]);
    expect([m.delete('b'), m.delete('b'), m.size, m.has('b')]).toEqual([true, false, 2, false]);
    m.clear();
    expect([m.size, m.entries(), m.get('a')]).toEqual([0, [], undefined]);
    m.set('z', 9);
    expect(m.entries()).toEqual([['z', 9]]);
  });

  it('keeps an entry whose value is undefined, and removes only the key asked for', () => {
    const m = new SmallMap<string, undefined>();
    m.set('a', undefined);
    expect([m.size, m.has('a'), m.delete('b'), m.size]).toEqual([1, true, false, 1]);
    expect([m.delete('a'), m.size, m.has('a')]).toEqual([true, 0, false]);
  });
});
