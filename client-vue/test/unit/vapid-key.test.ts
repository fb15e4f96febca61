import { describe, expect, it } from 'vitest';
import { vapidKeyToBytes } from '../../src/notifications/vapid.key';

describe('VAPID key conversion', () => {
  it('decodes base64url without padding into the raw bytes', () => {
    const bytes = new Uint8Array(65).map((_, i) => (i * 37 + 4) % 256);
    bytes[0] = 4;
    const key = Buffer.from(bytes).toString('base64url');
    expect(key).toMatch(/[-_]/);
    expect(key.endsWith('=')).toBe(false);
    expect(Array.from(vapidKeyToBytes(key))).toEqual(Array.from(bytes));
    expect(vapidKeyToBytes(key).byteLength).toBe(65);
  });

  it('accepts padding and the standard alphabet, and refuses anything else', () => {
    expect(Array.from(vapidKeyToBytes('AQID'))).toEqual([1, 2, 3]);
    expect(Array.from(vapidKeyToBytes('AQ=='))).toEqual([1]);
    expect(Array.from(vapidKeyToBytes('+/8'))).toEqual(Array.from(vapidKeyToBytes('-_8')));
    expect(() => vapidKeyToBytes('not a key!')).toThrow(/base64url/);
  });
});
