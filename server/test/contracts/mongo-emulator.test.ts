import { describe } from 'vitest';
import { needs } from '../support/needs';
import { defineConversationStoreContract } from './conversation-store.contract';
import { openHybridFixture } from './support/mongo';

// Lane A: always on where the emulator's binary runs; a MongoDB-wire-compatible stand-in, not MongoDB.
describe.skipIf(needs('postgres', 'mongo-emulator'))('PostgreSQL + MongoDB emulator', () =>
  defineConversationStoreContract('PostgreSQL + MongoDB (emulator)', () => openHybridFixture('emulator')),
);
