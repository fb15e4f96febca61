import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventBus } from '@parley/core';

/** Polls `cond` until it holds, failing after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The behaviour every {@link EventBus} adapter must have. `factory` returns a fresh bus, isolated
 * from other tests' buses on shared infrastructure (e.g. by a channel prefix).
 */
export function defineEventBusContract(name: string, factory: () => Promise<EventBus>): void {
  describe(`EventBus contract: ${name}`, () => {
    const channel = () => `test:${randomUUID()}`;

    async function withBus(fn: (bus: EventBus) => Promise<void>): Promise<void> {
      const bus = await factory();
      try {
        await fn(bus);
      } finally {
        await bus.dispose();
      }
    }

    it('delivers a publish to subscribers of that channel only, as a copy of the message', () =>
      withBus(async (bus) => {
        const [c1, c2] = [channel(), channel()];
        const got1: unknown[] = [];
        const got2: unknown[] = [];
        await bus.subscribe(c1, (m) => got1.push(m));
        await bus.subscribe(c2, (m) => got2.push(m));
        const message = { type: 'MessageAdded', seq: 1, nested: { text: 'héllo 👋', list: [1, null] } };
        await bus.publish(c1, message);
        await waitFor(() => got1.length === 1, 5000, 'delivery');
        expect(got1[0]).toEqual(message);
        expect(got1[0]).not.toBe(message);
        // A marker on c2 shows c2 is live, and that the first publish never reached it.
        await bus.publish(c2, { marker: true });
        await waitFor(() => got2.length === 1, 5000, 'marker');
        expect(got2).toEqual([{ marker: true }]);
        expect(got1).toHaveLength(1);
      }));

    it('keeps per-channel order for 1000 messages', () =>
      withBus(async (bus) => {
        const [c1, c2] = [channel(), channel()];
        const got1: number[] = [];
        const got2: number[] = [];
        await bus.subscribe(c1, (m) => got1.push((m as { n: number }).n));
        await bus.subscribe(c2, (m) => got2.push((m as { n: number }).n));
        await Promise.all(
          Array.from({ length: 1000 }, (_, n) =>
            Promise.all([bus.publish(c1, { n }), bus.publish(c2, { n: 1000 + n })]),
          ),
        );
        await waitFor(() => got1.length >= 1000 && got2.length >= 1000, 10_000, '1000 messages');
        expect(got1).toEqual(Array.from({ length: 1000 }, (_, n) => n));
        expect(got2).toEqual(Array.from({ length: 1000 }, (_, n) => 1000 + n));
      }));

    it('delivers to every subscriber of a channel', () =>
      withBus(async (bus) => {
        const c = channel();
        const a: unknown[] = [];
        const b: unknown[] = [];
        await bus.subscribe(c, (m) => a.push(m));
        await bus.subscribe(c, (m) => b.push(m));
        await bus.publish(c, { n: 1 });
        await bus.publish(c, { n: 2 });
        await waitFor(() => a.length === 2 && b.length === 2, 5000, 'both subscribers');
        expect(a).toEqual([{ n: 1 }, { n: 2 }]);
        expect(b).toEqual([{ n: 1 }, { n: 2 }]);
      }));

    it('stops delivery to a handler once unsubscribed, and resubscribing works', () =>
      withBus(async (bus) => {
        const c = channel();
        const a: unknown[] = [];
        const b: unknown[] = [];
        const offA = await bus.subscribe(c, (m) => a.push(m));
        const offB = await bus.subscribe(c, (m) => b.push(m));
        offA();
        await bus.publish(c, { n: 1 });
        await waitFor(() => b.length === 1, 5000, 'remaining subscriber');
        expect(a).toEqual([]);
        offB();
        // With no subscriber left the channel is dropped; a later subscriber starts afresh.
        const c2: unknown[] = [];
        await bus.publish(c, { n: 2 });
        await bus.subscribe(c, (m) => c2.push(m));
        await bus.publish(c, { n: 3 });
        await waitFor(() => c2.length >= 1, 5000, 'new subscriber');
        await new Promise((r) => setTimeout(r, 50));
        expect(c2).toEqual([{ n: 3 }]);
        expect(a).toEqual([]);
        expect(b).toEqual([{ n: 1 }]);
      }));

    it('answers ping', () =>
      withBus(async (bus) => {
        await expect(bus.ping()).resolves.toBeUndefined();
      }));

    it('delivers nothing after dispose', async () => {
      const bus = await factory();
      const c = channel();
      const got: unknown[] = [];
      await bus.subscribe(c, (m) => got.push(m));
      await bus.publish(c, { n: 1 });
      await waitFor(() => got.length === 1, 5000, 'delivery');
      await expect(bus.dispose()).resolves.toBeUndefined();
      await bus.publish(c, { n: 2 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([{ n: 1 }]);
    });
  });
}
