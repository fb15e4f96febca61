import type { ConversationTx } from '@parley/core';
import { CONVERSATION_COLUMNS, toConversation, type ConversationRow } from './chat.rows';
import { openTx, readWithLock } from './conversation.tx';
import type { Database } from './database';

/** Most writes one transaction takes: PostgreSQL keeps up to 64 subtransactions per backend cheaply. */
const MAX_BATCH = 32;

interface Pending {
  fn: (tx: ConversationTx) => Promise<unknown>;
  actorId: string | undefined;
  resolve: (v: { result: unknown } | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of writes to one conversation. Writers of a conversation wait for each other here,
 * before taking a connection (waiting for the row lock inside a transaction, each would hold a
 * pooled connection, and a busy conversation would take the whole pool). The writes that queued up
 * while one transaction ran go through the next one together: one row lock, one head update and
 * one commit for all, each write behind a savepoint so that one that fails leaves nothing and the
 * others stand. Each caller hears of its write only once the transaction committed; seqs stay
 * gap-free and in commit order. Across nodes the row lock still orders transactions.
 */
export function createGroupCommit(db: Database) {
  const waiting = new Map<string, Pending[]>();

  async function drain(conversationId: string): Promise<void> {
    for (;;) {
      const queue = waiting.get(conversationId)!;
      const batch = queue.splice(0, MAX_BATCH);
      if (batch.length === 0) {
        waiting.delete(conversationId);
        return;
      }
      await runBatch(conversationId, batch);
    }
  }

  async function runBatch(conversationId: string, batch: Pending[]): Promise<void> {
    const settled: (() => void)[] = [];
    try {
      await db.transaction(async (q) => {
        const locking = q.query<ConversationRow>(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1 FOR UPDATE`,
          [conversationId],
        );
        // The writers' own memberships, sent with the lock (one write, one round trip) and answered under it.
        const actors = [...new Set(batch.flatMap((p) => (p.actorId === undefined ? [] : [p.actorId])))];
        const known = readWithLock(q, conversationId, actors);
        const { rows } = await locking;
        if (!rows[0]) {
          for (const p of batch) settled.push(() => p.resolve(null));
          return;
        }
        const { tx, finish, checkpoint } = openTx(q, toConversation(rows[0]), known);
        if (batch.length === 1) {
          const result = await batch[0]!.fn(tx);
          // Not awaited: the head's update travels with COMMIT (a failed update makes it a rollback).
          void finish().catch(() => undefined);
          settled.push(() => batch[0]!.resolve({ result }));
          return;
        }
        for (const [i, p] of batch.entries()) {
          // Sent with the write's first statement. Never released: releasing frees nothing of what a
          // subtransaction holds until commit.
          void q.query(`SAVEPOINT w${i}`).catch(() => undefined);
          const restore = checkpoint();
          try {
            const result = await p.fn(tx);
            settled.push(() => p.resolve({ result }));
          } catch (err) {
            await q.query(`ROLLBACK TO SAVEPOINT w${i}`);
            restore();
            settled.push(() => p.reject(err));
          }
        }
        void finish().catch(() => undefined);
      });
    } catch (err) {
      // The transaction itself failed (the lock, the head, the commit): no write of it stands.
      for (const p of batch) p.reject(err);
      return;
    }
    for (const settle of settled) settle();
  }

  return {
    /**
     * Runs `fn` in a transaction holding the conversation's row lock; null when there is no such
     * conversation. `actorId`'s membership is read with the lock.
     */
    write<T>(
      conversationId: string,
      fn: (tx: ConversationTx) => Promise<T>,
      actorId?: string,
    ): Promise<{ result: T } | null> {
      return new Promise((resolve, reject) => {
        const queue = waiting.get(conversationId);
        const pending = { fn, actorId, resolve, reject } as Pending;
        if (queue) {
          queue.push(pending);
          return;
        }
        waiting.set(conversationId, [pending]);
        void drain(conversationId);
      });
    },
  };
}
