import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { createRedisPresenceStore } from '../../src/adapters/redis/presence.store';
import { TEST_REDIS_URL } from '../support/databases';
import { definePresenceStoreContract } from './presence-store.contract';
import { needs } from '../support/needs';

describe.skipIf(needs('redis'))('Redis', () => {
  const url = TEST_REDIS_URL!;
  definePresenceStoreContract('Redis', async () => {
    const prefix = `parley-test:${randomUUID()}:presence:`;
    return {
      node: () => createRedisPresenceStore({ url, prefix }),
      async cleanup() {
        const admin = new Redis(url);
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await admin.del(...keys);
        } while (cursor !== '0');
        await admin.quit();
      },
    };
  });
});
