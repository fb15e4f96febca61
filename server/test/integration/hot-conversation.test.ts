import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '@parley/core';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import { createDatabase, type Database } from '../../src/adapters/postgres/database';
import { migrate } from '../../src/adapters/postgres/migrate';
import { createTestDatabase } from '../support/databases';
import { needs } from '../support/needs';

const POOL = 3;

describe.skipIf(needs('postgres'))('many writers of one conversation on PostgreSQL', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let store: ConversationStore;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.url);
    db = createDatabase({ connectionString: testDb.url, max: POOL });
    store = createPgConversationStore(db);
  }, 60_000);
  afterAll(async () => {
    await db?.dispose();
    await testDb?.drop();
  });

  const group = async () => {
    const id = randomUUID();
    const at = new Date().toISOString();
    await store.create(
      { id, kind: 'GROUP', title: 'hot', description: null, createdAt: at, directKey: null },
      [],
      async () => undefined,
    );
    return id;
  };

  it('leaves the pool to everyone else while they wait for the conversation, and all get their turn in order', async () => {
    const hot = await group();
    const other = await group();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const order: number[] = [];
    // The first writer holds the conversation; more writers than the pool has connections queue behind it.
    const writers = Array.from({ length: POOL * 3 }, (_, i) =>
      store.write(hot, async (tx) => {
        if (i === 0) await gate;
        order.push(i);
        await tx.appendEvent(() => ({ type: 'ConversationUpdated', conversation: tx.conversation }));
      }),
    );
    try {
      // Meanwhile other work, reads and writes of another conversation, still gets connections.
      const elsewhere = await store.write(other, async (tx) => tx.conversation.id);
      expect(elsewhere).toEqual({ result: other });
      expect((await store.getConversations([hot]))[0]!.lastSeq).toBe(0);
    } finally {
      open();
    }
    await Promise.all(writers);
    expect(order).toEqual(writers.map((_, i) => i));
    expect((await store.eventsAfter(hot, 0, 100)).map((e) => e.seq)).toEqual(writers.map((_, i) => i + 1));
  });
});
