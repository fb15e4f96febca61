import { randomUUID } from 'node:crypto';
import type { ConversationTx } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import type { Database } from '../../src/adapters/postgres/database';
import type { SqlFixture } from './support/sql';
import { contractHelpers } from './conversation-store/fixture';

/**
 * Group commit on PostgreSQL and PGlite: writes to many conversations that come while transactions
 * are open share the next one, and still stand or fall each on its own.
 */
export function defineGroupCommitContract(
  name: string,
  open: () => Promise<SqlFixture>,
  connections: 'one' | 'many',
): void {
  describe(`${name}: group commit`, () => {
    async function setup(n: number) {
      const f = await open();
      let transactions = 0;
      const db: Database = {
        ...f.db,
        transaction: (fn) => {
          transactions += 1;
          return f.db.transaction(fn);
        },
      };
      const store = createPgConversationStore(db);
      const h = contractHelpers(() => ({ store, createUser: f.createUser, dispose: async () => undefined }));
      const [owner] = await h.users(1);
      const convs = await Promise.all(Array.from({ length: n }, async () => (await h.newConversation([owner!])).id));
      transactions = 0;
      // A message from the owner: the write a send makes.
      const event = (tx: ConversationTx) => h.addMessage(tx, owner!);
      const get = h.get;
      return { store, convs, event, get, db, transactions: () => transactions };
    }

    it('writes to many conversations that come together share transactions', async () => {
      const { store, convs, event, transactions } = await setup(20);
      const results = await Promise.all(convs.map((id) => store.write(id, (tx) => event(tx))));
      expect(results.map((r) => r!.result.seq)).toEqual(convs.map(() => 1));
      // Two start at once, the other eighteen take the next one together (one at a time would be 20).
      expect(transactions()).toBeLessThanOrEqual(4);
      for (const id of convs) expect((await store.eventsAfter(id, 0, 10)).map((e) => e.seq)).toEqual([1]);
    });

    it('fails the write whose statement failed, and lets the others of its transaction stand once', async () => {
      const { store, convs, event } = await setup(10);
      const runs = convs.map(() => 0);
      const outcomes = await Promise.allSettled(
        convs.map((id, i) =>
          store.write(id, async (tx) => {
            runs[i]! += 1;
            const e = await event(tx);
            // Not an id: PostgreSQL refuses the statement, which aborts the transaction it is in, and
            // refuses the others' statements sent after it (25P02): theirs is no failure of their own.
            await tx.findMessage(i === 4 ? 'not-an-id' : randomUUID());
            return e.seq;
          }),
        ),
      );
      expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: { code: '22P02' } });
      expect(runs[4]).toBe(1);
      // Those that shared its transaction ran again (the first one or two had transactions of their own).
      expect(runs.filter((r) => r === 2).length).toBeGreaterThanOrEqual(7);
      for (const [i, id] of convs.entries()) {
        if (i !== 4) expect(outcomes[i]).toEqual({ status: 'fulfilled', value: { result: 1 } });
        expect((await store.eventsAfter(id, 0, 10)).map((e) => e.seq)).toEqual(i === 4 ? [] : [1]);
      }
    });

    it('fails the writes that throw after writing, and lets the others stand without gaps', async () => {
      const { store, convs, event, get } = await setup(12);
      const runs = new Map<string, number>();
      const fails = (c: number, k: number) => (c + k) % 4 === 0;
      // Three writes per conversation, more than one transaction takes.
      const outcomes = await Promise.allSettled(
        convs.flatMap((id, c) =>
          [0, 1, 2].map((k) =>
            store.write(id, async (tx) => {
              runs.set(`${c}.${k}`, (runs.get(`${c}.${k}`) ?? 0) + 1);
              const e = await event(tx);
              if (!fails(c, k)) return e.seq;
              await tx.updateConversation({ title: 'failed' });
              throw new Error(`write ${c}.${k} fails`);
            }),
          ),
        ),
      );
      for (const [i, o] of outcomes.entries()) {
        const [c, k] = [Math.floor(i / 3), i % 3];
        if (!fails(c, k)) expect(o.status).toBe('fulfilled');
        else {
          expect(o).toMatchObject({ status: 'rejected', reason: { message: `write ${c}.${k} fails` } });
          // Run again only when a write before it in its conversation was rolled back with it.
          expect(runs.get(`${c}.${k}`)).toBeLessThanOrEqual(k === 0 ? 1 : 2);
        }
      }
      for (const [c, id] of convs.entries()) {
        const stood = [0, 1, 2].filter((k) => !fails(c, k)).length;
        const seqs = Array.from({ length: stood }, (_, i) => i + 1);
        expect((await store.eventsAfter(id, 0, 10)).map((e) => e.seq)).toEqual(seqs);
        expect(await get(id)).toMatchObject({ lastSeq: stood, title: 'Group' });
      }
    });

    it('lets two nodes write to the same conversations at once, without deadlock and without gaps', async () => {
      const { store, convs, event, db } = await setup(10);
      // A second node: its own group commit, its own transactions, the same database.
      const other = createPgConversationStore(db);
      const writes = [store, other].flatMap((node, n) =>
        [0, 1, 2].flatMap(() =>
          (n === 0 ? convs : [...convs].reverse()).map((id) => node.write(id, (tx) => event(tx))),
        ),
      );
      expect((await Promise.allSettled(writes)).filter((o) => o.status === 'rejected')).toEqual([]);
      for (const id of convs) {
        expect((await store.eventsAfter(id, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      }
    });

    it('tells a write of its failure only once the writes before it in its conversation committed', async () => {
      const { store, convs, event } = await setup(4);
      const [a, b, c, d] = convs as [string, string, string, string];
      // Two writes take the open transactions; the next three, to two conversations, share one.
      const first = [c, d].map((id) => store.write(id, (tx) => event(tx)));
      const w1 = store.write(a, (tx) => event(tx));
      let seenOnFailure: number[] | undefined;
      const w2 = store
        .write(a, async (tx) => {
          await event(tx);
          // Fails because of the write before it in the batch, not yet committed when it runs.
          if (tx.conversation.lastSeq > 1) throw new Error('after w1');
        })
        .catch(async (err: Error) => {
          seenOnFailure = (await store.eventsAfter(a, 0, 10)).map((e) => e.seq);
          return err.message;
        });
      const w3 = store.write(b, (tx) => event(tx));
      await Promise.all([...first, w1, w3]);
      expect(await w2).toBe('after w1');
      expect(seenOnFailure).toEqual([1]);
    });

    it('writes to a conversation named in upper case, alone and in a transaction with others', async () => {
      const { store, convs, event } = await setup(3);
      const results = await Promise.all(convs.map((id) => store.write(id.toUpperCase(), (tx) => event(tx))));
      expect(results.map((r) => r?.result.seq)).toEqual([1, 1, 1]);
    });

    // Not with one connection (PGlite): one transaction at a time, slow or not.
    if (connections === 'many')
      it('lets another write through while the open transactions are slow', async () => {
        const { store, convs, event } = await setup(3);
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        // As many slow writes as a node keeps transactions open, then one more write.
        const slow = convs.slice(0, 2).map((id) =>
          store.write(id, async (tx) => {
            await held;
            return event(tx);
          }),
        );
        const quick = store.write(convs[2]!, (tx) => event(tx));
        const timeout = new Promise<string>((resolve) => setTimeout(resolve, 5000, 'held up')).finally(release);
        const first = await Promise.race([quick.then(() => 'through'), timeout]);
        release();
        await Promise.all([...slow, quick]);
        expect(first).toBe('through');
      });

    it('answers null for a conversation that does not exist, in a transaction with others', async () => {
      const { store, convs, event } = await setup(3);
      const [missing, ...found] = await Promise.all([
        store.write(randomUUID(), (tx) => event(tx)),
        ...convs.map((id) => store.write(id, (tx) => event(tx))),
      ]);
      expect(missing).toBeNull();
      expect(found.map((r) => r!.result.seq)).toEqual([1, 1, 1]);
    });
  });
}
