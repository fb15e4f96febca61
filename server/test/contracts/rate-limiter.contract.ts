import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RateLimitedError, type RateLimiterFactory } from '@parley/core';

/** Waits until `check` holds, polling every 50 ms, for at most `ms`. */
async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The behaviour every rate-limiter store must have. */
export function defineRateLimiterContract(name: string, factory: () => RateLimiterFactory): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const make: RateLimiterFactory = (n, policy) => factory()(`${n}-${randomUUID()}`, policy);
    const refusal = (p: Promise<void>) =>
      p.then(
        () => null,
        (err: unknown) => (err instanceof RateLimitedError ? err.retryAfterMs : Promise.reject(err)),
      );

    it('spends points per key and refuses past the budget, saying when to retry', async () => {
      const limiter = make('budget', { points: 3, durationSeconds: 60 });
      for (let i = 0; i < 3; i++) await limiter.consume('a');
      const retry = await refusal(limiter.consume('a'));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(60_000);
      // Another key has its own budget.
      await limiter.consume('b');
    });

    it('blocks an exhausted key for blockSeconds, and reset forgets it', async () => {
      const limiter = make('block', { points: 2, durationSeconds: 3600, blockSeconds: 600 });
      expect(await limiter.blockedFor('k')).toBe(0);
      await limiter.consume('k');
      expect(await limiter.blockedFor('k')).toBe(0);
      await limiter.consume('k');
      const blocked = await limiter.blockedFor('k');
      expect(blocked).toBeGreaterThan(590_000);
      expect(blocked).toBeLessThanOrEqual(600_000);
      expect(await limiter.blockedFor('other')).toBe(0);
      await limiter.reset('k');
      expect(await limiter.blockedFor('k')).toBe(0);
    });

    it('doubles the block each time a key is blocked again, up to maxBlockSeconds; reset starts over', async () => {
      const limiter = make('grow', { points: 1, durationSeconds: 3600, blockSeconds: 1, maxBlockSeconds: 2 });
      const blockOnce = async () => {
        await until(async () => (await limiter.blockedFor('g')) === 0, 5000);
        await limiter.consume('g');
        return limiter.blockedFor('g');
      };
      const first = await blockOnce();
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(1000);
      const second = await blockOnce();
      expect(second).toBeGreaterThan(1000);
      expect(second).toBeLessThanOrEqual(2000);
      // Capped.
      expect(await blockOnce()).toBeLessThanOrEqual(2000);
      await limiter.reset('g');
      expect(await blockOnce()).toBeLessThanOrEqual(1000);
    }, 15_000);
  });
}
