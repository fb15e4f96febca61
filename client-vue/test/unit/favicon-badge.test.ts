import { describe, expect, it } from 'vitest';
import { badgeText } from '../../src/notifications/favicon.badge';

describe('favicon badge text', () => {
  it('is empty at 0 (the plain icon), the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-2)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(1)).toBe('1');
    expect(badgeText(42)).toBe('42');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(12_345)).toBe('99+');
  });
});
