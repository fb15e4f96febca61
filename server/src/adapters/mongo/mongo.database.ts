import mongoose, { type Connection } from 'mongoose';
import { chatModels, type ChatModels } from './chat.models';

/** Raised when the server at MONGODB_URL cannot run Parley's message store. */
export class MongoSetupError extends Error {
  override name = 'MongoSetupError';
}

/** An open MongoDB message store database. */
export interface MongoDatabase {
  conn: Connection;
  models: ChatModels;
  /** Resolves when the server answers. */
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Connects to `url`, checks it is a replica set member (sends need multi-document transactions,
 * which a standalone server refuses) and creates the collections' indexes.
 * @throws MongoSetupError for a standalone server.
 */
export async function openMongo(url: string, o: { dbName?: string } = {}): Promise<MongoDatabase> {
  const conn = await mongoose
    .createConnection(url, { ...(o.dbName ? { dbName: o.dbName } : {}), serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    const hello = await conn.db!.admin().command({ hello: 1 });
    if (typeof hello['setName'] !== 'string') {
      throw new MongoSetupError(
        'Invalid configuration: MONGODB_URL points at a standalone MongoDB server; the message store needs a ' +
          'replica set for its transactions (a single node will do: start mongod with --replSet rs0 and run ' +
          'rs.initiate() once)',
      );
    }
    const models = chatModels(conn);
    // Sequentially: unique indexes must exist before the first write relies on them.
    for (const model of Object.values(models)) await model.createIndexes();
    return {
      conn,
      models,
      async ping() {
        await conn.db!.admin().command({ ping: 1 });
      },
      dispose: () => conn.close(),
    };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
