import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventBus } from '../../src/adapters/redis/event.bus';
import { TEST_REDIS_URL } from '../support/databases';
import { defineEventBusContract, waitFor } from './event-bus.contract';
import { needs } from '../support/needs';

describe.skipIf(needs('redis'))('Redis', () => {
  const url = TEST_REDIS_URL!;
  defineEventBusContract('Redis', () => createRedisEventBus({ url, prefix: `parley-test:${randomUUID()}:` }));

  describe('reconnects', () => {
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(url);
    });
    afterAll(() => admin?.quit());

    /** Ids of this test's connections, by the name given to the bus; only pub/sub ones when asked. */
    async function connectionIds(name: string, pubsubOnly: boolean): Promise<string[]> {
      const list = (await admin.call('CLIENT', 'LIST')) as string;
      return list
        .split('\n')
        .map((line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string])))
        .filter((c) => c['name'] === name && (!pubsubOnly || c['flags']?.includes('P')))
        .map((c) => c['id']!);
    }

    it('reports a resync after the subscriber connection drops, and keeps delivering', async () => {
      const name = `parley-test-${randomUUID()}`;
      const bus = await createRedisEventBus({ url, prefix: `parley-test:${randomUUID()}:`, connectionName: name });
      try {
        let resyncs = 0;
        bus.onResync(() => resyncs++);
        const got: unknown[] = [];
        const ch = 'conversation:x';
        await bus.subscribe(ch, (m) => got.push(m));
        await bus.publish(ch, { n: 1 });
        await waitFor(() => got.length === 1, 5000, 'first delivery');
        expect(resyncs).toBe(0);

        const ids = await connectionIds(name, true);
        expect(ids).toHaveLength(1);
        for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
        await waitFor(() => resyncs === 1, 10_000, 'resync');

        // The subscription was restored: a publish after the resync arrives.
        await bus.publish(ch, { n: 2 });
        await waitFor(() => got.length === 2, 5000, 'delivery after reconnect');
        expect(got).toEqual([{ n: 1 }, { n: 2 }]);
        await expect(bus.ping()).resolves.toBeUndefined();
      } finally {
        await bus.dispose();
      }
    });

    it('closes its connections on dispose', async () => {
      const name = `parley-test-${randomUUID()}`;
      const bus = await createRedisEventBus({ url, prefix: `parley-test:${randomUUID()}:`, connectionName: name });
      await bus.subscribe('c', () => undefined);
      expect(await connectionIds(name, false)).toHaveLength(2);
      await bus.dispose();
      const deadline = Date.now() + 5000;
      while ((await connectionIds(name, false)).length > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await connectionIds(name, false)).toEqual([]);
    });
  });
});
