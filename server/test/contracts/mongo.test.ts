import { describe, expect, it } from 'vitest';
import { MongoSetupError, openMongo } from '../../src/adapters/mongo/mongo.database';
import { startMongoEmulator, TEST_MONGODB_URL } from '../support/mongo-server';
import { needs } from '../support/needs';
import { defineConversationStoreContract } from './conversation-store.contract';
import { defineMongoStoreExtras } from './mongo-store.extras';
import { openHybridFixture } from './support/mongo';

// Lane A: always on where the emulator's binary runs; a MongoDB-wire-compatible stand-in, not MongoDB.
describe.skipIf(needs('postgres', 'mongo-emulator'))('PostgreSQL + MongoDB emulator', () => {
  defineConversationStoreContract('PostgreSQL + MongoDB (emulator)', () => openHybridFixture('emulator'));
  defineMongoStoreExtras('emulator');
});

// Lane B: a real MongoDB replica set, opt-in with TEST_MONGODB_URL (`npm test` says whether it is set).
// Not registered without it, rather than skipped: no MongoDB can be installed on the CI machines, and
// CI counts every skipped suite as a failure.
if (TEST_MONGODB_URL) {
  describe.skipIf(needs('postgres'))('PostgreSQL + MongoDB', () => {
    defineConversationStoreContract('PostgreSQL + MongoDB', () => openHybridFixture('mongodb'));
    defineMongoStoreExtras('mongodb');
  });
}

describe.skipIf(needs('mongo-emulator'))('MongoDB setup', () => {
  it('refuses a standalone server, saying a replica set is needed and how to make one', async () => {
    const standalone = await startMongoEmulator({ standalone: true });
    try {
      const opening = openMongo(standalone.url, { dbName: 'parley' });
      await expect(opening).rejects.toBeInstanceOf(MongoSetupError);
      await expect(opening).rejects.toThrow(/MONGODB_URL points at a standalone MongoDB server.*--replSet/);
    } finally {
      await standalone.stop();
    }
  });
});
