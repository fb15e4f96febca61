import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportMode } from '../../src/connection/connection.store';
import { TransportSelector } from '../../src/connection/transport.selector';

function setup(working: TransportMode[] = []) {
  const works = new Set<TransportMode>(working);
  let online = true;
  const probes: TransportMode[] = [];
  const resubscribed: TransportMode[] = [];
  const selector = new TransportSelector({
    probe: async (mode) => {
      probes.push(mode);
      return works.has(mode);
    },
    resubscribe: (mode) => resubscribed.push(mode),
    isOnline: () => online,
  });
  return {
    selector,
    works,
    probes,
    resubscribed,
    setOnline: (value: boolean) => (online = value),
    /** `n` WebSocket attempts that close before the server's acknowledgement. */
    failWs: (n: number) => {
      for (let i = 0; i < n; i++) {
        selector.attempt('ws');
        selector.failed('ws');
      }
    },
  };
}

describe('transport selector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts on WebSocket and steps down to SSE after three attempts fail, when a probe sees SSE work', async () => {
    const t = setup(['sse', 'poll']);
    expect(t.selector.mode).toBe('ws');
    t.failWs(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.probes).toEqual([]);
    t.failWs(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.probes).toEqual(['sse']);
    expect(t.selector.mode).toBe('sse');
    expect(t.resubscribed).toEqual(['sse']);
  });

  it('counts failures in a row only: a connection in between starts the count again', async () => {
    const t = setup(['sse']);
    t.failWs(2);
    t.selector.attempt('ws');
    t.selector.connected('ws');
    t.failWs(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.selector.mode).toBe('ws');
    expect(t.probes).toEqual([]);
  });

  it('steps down when an attempt gets no answer in 8 s, to long-polling when SSE does not work either', async () => {
    const t = setup(['poll']);
    t.selector.attempt('ws');
    await vi.advanceTimersByTimeAsync(7999);
    expect(t.probes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.probes).toEqual(['sse', 'poll']);
    expect(t.selector.mode).toBe('poll');
  });

  it('never steps down while offline: that is no transport’s fault', async () => {
    const t = setup(['sse', 'poll']);
    t.setOnline(false);
    t.failWs(10);
    t.selector.offline();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.probes).toEqual([]);
    expect(t.selector.mode).toBe('ws');
  });

  it('stays on WebSocket when nothing below works either (the server is down), and tries again later', async () => {
    const t = setup();
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.probes).toEqual(['sse', 'poll']);
    expect(t.selector.mode).toBe('ws');
    expect(t.resubscribed).toEqual([]);
    // The server is back, but only over SSE from here: three more failures find it.
    t.works.add('sse');
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.selector.mode).toBe('sse');
  });

  it('retries SSE after a failure with backoff, and steps down to long-polling after three in a row', async () => {
    const t = setup(['sse', 'poll']);
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    t.resubscribed.length = 0;
    t.selector.failed('sse');
    await vi.advanceTimersByTimeAsync(374);
    expect(t.resubscribed).toEqual([]);
    await vi.advanceTimersByTimeAsync(251);
    expect(t.resubscribed).toEqual(['sse']);
    t.selector.failed('sse');
    await vi.advanceTimersByTimeAsync(1250);
    expect(t.resubscribed).toEqual(['sse', 'sse']);
    t.works.delete('sse');
    t.selector.failed('sse');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.selector.mode).toBe('poll');
    expect(t.resubscribed).toEqual(['sse', 'sse', 'poll']);
  });

  it('with the server down, keeps retrying SSE with a growing pause and looks below every third failure', async () => {
    const t = setup(['sse']);
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    t.probes.length = 0;
    t.resubscribed.length = 0;
    for (let i = 0; i < 3; i++) {
      t.selector.failed('sse');
      await vi.advanceTimersByTimeAsync(2500);
    }
    expect(t.probes).toEqual(['poll']);
    expect(t.resubscribed).toEqual(['sse', 'sse', 'sse']);
    // The fourth failure waits 4 s ± 25 % before the next retry.
    t.selector.failed('sse');
    await vi.advanceTimersByTimeAsync(2999);
    expect(t.resubscribed).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2001);
    expect(t.resubscribed).toHaveLength(4);
    expect(t.selector.mode).toBe('sse');
  });

  it('retries at once when the browser is back online, without counting the offline failures', async () => {
    const t = setup(['sse']);
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    t.resubscribed.length = 0;
    t.setOnline(false);
    t.selector.offline();
    t.selector.failed('sse');
    t.selector.failed('sse');
    t.selector.failed('sse');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.resubscribed).toEqual([]);
    t.setOnline(true);
    t.selector.online();
    expect(t.resubscribed).toEqual(['sse']);
    expect(t.selector.mode).toBe('sse');
  });

  it('probes upward every 30 s while degraded and goes back to the best transport that works', async () => {
    const t = setup(['poll']);
    t.selector.attempt('ws');
    await vi.advanceTimersByTimeAsync(8000);
    expect(t.selector.mode).toBe('poll');
    t.probes.length = 0;

    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.probes).toEqual(['ws', 'sse']);
    expect(t.selector.mode).toBe('poll');

    t.works.add('sse');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.selector.mode).toBe('sse');
    expect(t.resubscribed.at(-1)).toBe('sse');

    t.probes.length = 0;
    t.works.add('ws');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.probes).toEqual(['ws']);
    expect(t.selector.mode).toBe('ws');
    expect(t.resubscribed.at(-1)).toBe('ws');

    // On WebSocket there is nothing better to probe for.
    t.probes.length = 0;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.probes).toEqual([]);
  });

  it('ignores reports of a transport that is no longer selected', async () => {
    const t = setup(['sse']);
    t.failWs(3);
    await vi.advanceTimersByTimeAsync(0);
    t.resubscribed.length = 0;
    // The old socket's last attempts, after the switch.
    t.failWs(5);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.selector.mode).toBe('sse');
    expect(t.resubscribed).toEqual([]);
  });
});
