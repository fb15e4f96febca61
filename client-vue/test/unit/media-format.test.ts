import { describe, expect, it } from 'vitest';
import { formatCoordinates, geolocationError, osmLink } from '../../src/media/location.link';
import { formatBytes, formatDuration, percent } from '../../src/media/media.format';
import { pickRecorderType, voiceFilename } from '../../src/media/voice.recorder';

describe('media formatting', () => {
  it('formats sizes the way people read them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(532)).toBe('532 B');
    expect(formatBytes(1434)).toBe('1.4 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(23.4 * 1024 * 1024)).toBe('23 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('formats durations as a player clock', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_900)).toBe('0:07');
    expect(formatDuration(205_000)).toBe('3:25');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('turns upload progress into a whole percentage', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(512, 1024)).toBe(50);
    expect(percent(2048, 1024)).toBe(100);
  });
});

describe('shared locations', () => {
  it('links to the OpenStreetMap page of the place, with a marker', () => {
    expect(osmLink({ latitude: 48.85837, longitude: 2.294481 })).toBe(
      'https://www.openstreetmap.org/?mlat=48.85837&mlon=2.294481#map=16/48.85837/2.294481',
    );
    expect(osmLink({ latitude: -33.8567844, longitude: 151.213108 })).toBe(
      'https://www.openstreetmap.org/?mlat=-33.856784&mlon=151.213108#map=16/-33.856784/151.213108',
    );
    expect(osmLink({ latitude: 0, longitude: -10 })).toBe(
      'https://www.openstreetmap.org/?mlat=0&mlon=-10#map=16/0/-10',
    );
  });

  it('shows coordinates with their hemispheres', () => {
    expect(formatCoordinates({ latitude: -33.8567844, longitude: -70.5 })).toBe('33.856784° S, 70.500000° W');
  });

  it('explains why the location is missing', () => {
    expect(geolocationError(1)).toBe('Location permission was denied');
    expect(geolocationError(2)).toBe('Your location is not available');
    expect(geolocationError(3)).toBe('Finding your location took too long');
  });
});

describe('voice messages', () => {
  it('records WebM/Opus where supported, else MP4', () => {
    expect(pickRecorderType((t) => t.startsWith('audio/webm'))).toBe('audio/webm;codecs=opus');
    expect(pickRecorderType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecorderType(() => false)).toBe('');
  });

  it('names a recording after when it was made, with the extension of its container', () => {
    const at = new Date('2026-11-30T00:12:05.123Z');
    expect(voiceFilename(at, 'audio/webm')).toBe('voice-2026-11-30T00-12-05.webm');
    expect(voiceFilename(at, 'audio/mp4')).toBe('voice-2026-11-30T00-12-05.m4a');
  });
});
