import { describe } from 'vitest';
import { needs } from '../support/needs';
import { defineConversationStoreContract } from './conversation-store.contract';
import { defineMongoStoreExtras } from './mongo-store.extras';
import { openHybridFixture } from './support/mongo';

// Lane B: a real MongoDB replica set at TEST_MONGODB_URL.
describe.skipIf(needs('postgres', 'mongodb'))('PostgreSQL + MongoDB', () => {
  defineConversationStoreContract('PostgreSQL + MongoDB', () => openHybridFixture('mongodb'));
  defineMongoStoreExtras('mongodb');
});
