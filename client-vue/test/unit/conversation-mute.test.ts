import { describe, expect, it } from 'vitest';
import { isMuted, MUTED_FOREVER, muteLabel, muteUntil } from '../../src/notifications/conversation.mute';

const now = new Date('2026-11-30T10:00:00.000Z');

describe('conversation mute', () => {
  it('mutes for the chosen hours from now, or until unmuted', () => {
    expect(muteUntil(1, now)).toBe('2026-11-30T11:00:00.000Z');
    expect(muteUntil(8, now)).toBe('2026-11-30T18:00:00.000Z');
    expect(muteUntil(24 * 7, now)).toBe('2026-12-07T10:00:00.000Z');
    expect(muteUntil(null, now)).toBe(MUTED_FOREVER);
  });

  it('is muted only before the end', () => {
    expect(isMuted(null, now)).toBe(false);
    expect(isMuted('2026-11-30T09:59:59.000Z', now)).toBe(false);
    expect(isMuted('2026-11-30T10:00:01.000Z', now)).toBe(true);
    expect(isMuted('garbage', now)).toBe(false);
  });

  it('says until when, and no end for "until I unmute"', () => {
    expect(muteLabel(null, now)).toBeNull();
    expect(muteLabel('2026-11-29T10:00:00.000Z', now)).toBeNull();
    expect(muteLabel(MUTED_FOREVER, now)).toBe('Muted');
    expect(muteLabel('2026-11-30T11:00:00.000Z', now, 'en-GB')).toMatch(/^Muted until .*\d{2}:\d{2}/);
  });
});
