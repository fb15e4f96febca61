import { describe, expect, it } from 'vitest';
import { framePrefix, nextFrame } from './next-frame';

describe('nextFrame', () => {
  it('is the message graphql-ws would send, for any id, reusing one result for many subscribers', () => {
    const result = { data: { events: { seq: 7, text: 'héllo "quoted" ✓' } } };
    for (const id of ['1', 'ä"}\\ id', '🙂']) {
      const frame = nextFrame(framePrefix(id), result);
      expect(frame.toString('utf8')).toBe(JSON.stringify({ id, type: 'next', payload: result }));
    }
  });
});
