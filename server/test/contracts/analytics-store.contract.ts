import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface AnalyticsStoreFixture {
  store: AnalyticsStore;
  dispose(): Promise<void>;
}

/** The behaviour every {@link AnalyticsStore} adapter must have. */
export function defineAnalyticsStoreContract(name: string, factory: () => Promise<AnalyticsStoreFixture>): void {
  describe(`AnalyticsStore contract: ${name}`, () => {
    let f: AnalyticsStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());

    it('adds counters across flushes, keeps the larger peak, and counts each active user once a day', async () => {
      // Days of their own (in 1990), so suites sharing a database do not see each other's figures.
      const [u1, u2] = [randomUUID(), randomUUID()];
      await f.store.add('1990-01-02', { messages: 3, errors: 1 }, { peak_connections: 5 });
      await f.store.add('1990-01-02', { messages: 2 }, { peak_connections: 4 });
      await f.store.add('1990-01-04', { messages: 0.5 }, {});
      await f.store.markActive('1990-01-02', [u1, u2]);
      await f.store.markActive('1990-01-02', [u1]);
      await f.store.markActive('1990-01-03', [u2]);
      await f.store.markActive('1990-01-05', []);
      await f.store.add('1990-01-05', {}, {});
      expect(await f.store.days('1990-01-02', '1990-01-04')).toEqual([
        { day: '1990-01-02', metrics: { messages: 5, errors: 1, peak_connections: 5 }, activeUsers: 2 },
        { day: '1990-01-03', metrics: {}, activeUsers: 1 },
        { day: '1990-01-04', metrics: { messages: 0.5 }, activeUsers: 0 },
      ]);
      expect(await f.store.days('1990-01-05', '1990-01-09')).toEqual([]);
    });

    it('sums the connections of nodes heard from lately, each node once', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await f.store.heartbeat(a, 3, '2090-01-01T00:00:10.000Z');
      await f.store.heartbeat(a, 7, '2090-01-01T00:00:20.000Z');
      await f.store.heartbeat(b, 2, '2090-01-01T00:00:15.000Z');
      await f.store.heartbeat(c, 100, '2090-01-01T00:00:01.000Z');
      expect(await f.store.connections('2090-01-01T00:00:05.000Z')).toBe(9);
      expect(await f.store.connections('2090-01-01T00:00:30.000Z')).toBe(0);
    });
  });
}
