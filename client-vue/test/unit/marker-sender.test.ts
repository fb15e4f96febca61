import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkerSender } from '../../src/chat/marker.sender';

describe('delivered markers', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the highest seq per conversation once per pause, and never a lower one again', async () => {
    vi.useFakeTimers();
    const sent: [string, number][] = [];
    const marker = new MarkerSender(async (c, seq) => void sent.push([c, seq]), 300);
    marker.note('c1', 3);
    marker.note('c1', 5);
    marker.note('c2', 1);
    marker.note('c1', 4);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([
      ['c1', 5],
      ['c2', 1],
    ]);
    marker.note('c1', 5);
    marker.note('c1', 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(2);
  });

  it('forgets a seq that failed, so the next one is sent', async () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const marker = new MarkerSender(async (_c, seq) => {
      calls.push(seq);
      if (calls.length === 1) throw new Error('offline');
    }, 300);
    marker.note('c1', 7);
    await vi.advanceTimersByTimeAsync(300);
    marker.note('c1', 7);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual([7, 7]);
  });
});
