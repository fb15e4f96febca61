import { randomBytes } from 'node:crypto';
import { createMongoConversationStore } from '../../../src/adapters/mongo/conversation.store';
import { openMongo, type MongoDatabase } from '../../../src/adapters/mongo/mongo.database';
import { startMongoEmulator, TEST_MONGODB_URL } from '../../support/mongo-server';
import type { ConversationStoreFixture } from '../conversation-store.contract';
import { openPostgres, type SqlFixture } from './sql';

/** Where the MongoDB side runs: the emulator (lane A) or a real replica set (lane B). */
export type MongoLane = 'emulator' | 'mongodb';

/** A MongoDB database of the lane's kind, private to one test file. */
export async function openMongoLane(lane: MongoLane): Promise<{ mongo: MongoDatabase; dispose(): Promise<void> }> {
  if (lane === 'emulator') {
    const emulator = await startMongoEmulator();
    const mongo = await openMongo(emulator.url, { dbName: 'parley' });
    return {
      mongo,
      async dispose() {
        await mongo.dispose();
        await emulator.stop();
      },
    };
  }
  const mongo = await openMongo(TEST_MONGODB_URL!, { dbName: `parley_t_${randomBytes(6).toString('hex')}` });
  return {
    mongo,
    async dispose() {
      await mongo.conn.dropDatabase();
      await mongo.dispose();
    },
  };
}

/** The hybrid store on a fresh PostgreSQL database and a fresh MongoDB database of `lane`. */
export async function openHybridFixture(
  lane: MongoLane,
): Promise<ConversationStoreFixture & { sql: SqlFixture; mongo: MongoDatabase }> {
  const sql = await openPostgres();
  const m = await openMongoLane(lane);
  return {
    store: createMongoConversationStore(sql.db, m.mongo),
    createUser: sql.createUser,
    sql,
    mongo: m.mongo,
    async dispose() {
      try {
        await m.dispose();
      } finally {
        await sql.dispose();
      }
    },
  };
}
