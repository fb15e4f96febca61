import { describe, expect, it } from 'vitest';
import { effectiveLevel, inQuietHours, notifies } from './notification-rules';

describe('who is notified', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('defaults to every message in direct conversations and groups up to 50, mentions above', () => {
    expect(effectiveLevel(null, 'DIRECT', 2)).toBe('ALL');
    expect(effectiveLevel(null, 'GROUP', 50)).toBe('ALL');
    expect(effectiveLevel(null, 'GROUP', 51)).toBe('MENTIONS');
    expect(effectiveLevel('NONE', 'DIRECT', 2)).toBe('NONE');
    expect(effectiveLevel('ALL', 'GROUP', 5000)).toBe('ALL');
  });

  it('notifies by level, and never while muted', () => {
    expect(notifies('ALL', false, null, now)).toBe(true);
    expect(notifies('MENTIONS', false, null, now)).toBe(false);
    expect(notifies('MENTIONS', true, null, now)).toBe(true);
    expect(notifies('NONE', true, null, now)).toBe(false);
    expect(notifies('ALL', true, '2026-06-01T12:30:00Z', now)).toBe(false);
    expect(notifies('ALL', true, '2026-06-01T11:59:00Z', now)).toBe(true);
  });

  it('reads quiet hours on the user’s wall clock, across midnight', () => {
    const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
    // 12:00 UTC is 14:00 in Berlin in summer; 21:30 UTC is 23:30 there.
    expect(inQuietHours(night, now)).toBe(false);
    expect(inQuietHours(night, new Date('2026-06-01T21:30:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-06-02T04:59:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-06-02T05:00:00Z'))).toBe(false);
    expect(inQuietHours({ start: '12:00', end: '13:00', timeZone: 'UTC' }, now)).toBe(true);
    expect(inQuietHours({ start: '09:00', end: '09:00', timeZone: 'UTC' }, now)).toBe(false);
    expect(inQuietHours(null, now)).toBe(false);
  });
});
