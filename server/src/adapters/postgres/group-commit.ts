import type { Conversation, ConversationTx } from '@parley/core';
import { CONVERSATION_COLUMNS, toConversation, type ConversationRow } from './chat.rows';
import { openTx, readWithLock, type KnownMembers } from './conversation.tx';
import { isDeadlockVictim, isRefusedAfterFailure, type Database, type Queryable } from './database';

/** Thrown inside a transaction to roll it back; the writes are sorted out after. */
const ROLLED_BACK = Symbol('rolled back');

/** Most writes one transaction takes: PostgreSQL keeps up to 64 subtransactions per backend cheaply. */
const MAX_BATCH = 32;

interface Pending {
  conversationId: string;
  fn: (tx: ConversationTx) => Promise<unknown>;
  actorId: string | undefined;
  resolve: (v: { result: unknown } | null) => void;
  reject: (err: unknown) => void;
}

/** Options for {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** Transactions open at once; writes that come while they are take the next one together. */
  open: number;
  /** Most transactions open at once: more than `open` only while one has run for `slowMs`. */
  most: number;
  /** How long a transaction runs before it counts as slow (one slow write must not hold up all). */
  slowMs: number;
}

type Outcome = { ok: true; result: unknown } | { ok: false; err: unknown };

/** A failure that says nothing of the write itself: refused after another's, or a deadlock's victim. */
const notItsOwn = (err: unknown): boolean => isRefusedAfterFailure(err) || isDeadlockVictim(err);

/** The batch's writes by conversation, each conversation's in the order they came. */
function byConversation(batch: readonly Pending[]): Map<string, Pending[]> {
  const chains = new Map<string, Pending[]>();
  for (const p of batch) {
    const chain = chains.get(p.conversationId);
    if (chain) chain.push(p);
    else chains.set(p.conversationId, [p]);
  }
  return chains;
}

/**
 * Group commit. Writers wait here, before taking a connection (waiting for a row lock inside a
 * transaction, each would hold a pooled connection, and a busy conversation would take the whole
 * pool). While `open` transactions run, writes queue up; the next transaction takes the writes of
 * several conversations together, in the order they came: one BEGIN, one statement locking the
 * conversations (in id order, so that transactions of other nodes cannot deadlock on them), one
 * head update per conversation and one COMMIT for all. The writes of different conversations run
 * side by side; should one fail, the others run again one by one, each behind a savepoint, so that
 * one that fails leaves nothing and the others stand. Each caller hears of its write only once the
 * writes before it committed. A conversation is in one transaction at a time, so its seqs stay
 * gap-free and in commit order; across nodes its row lock still orders transactions.
 */
export function createGroupCommit(db: Database, options: GroupCommitOptions) {
  const waiting = new Map<string, Pending[]>();
  // Conversations with writes waiting and none in a transaction, in the order their first write came.
  const ready = new Set<string>();
  const inTransaction = new Set<string>();
  // When each open transaction started.
  const running = new Set<{ at: number }>();
  let recheck: NodeJS.Timeout | undefined;

  function mayOpen(): boolean {
    if (running.size < options.open) return true;
    if (running.size >= options.most) return false;
    const now = Date.now();
    for (const r of running) if (now - r.at >= options.slowMs) return true;
    // Look again once the oldest could count as slow.
    recheck ??= setTimeout(() => {
      recheck = undefined;
      pump();
    }, options.slowMs).unref();
    return false;
  }

  function pump(): void {
    while (ready.size > 0 && mayOpen()) {
      const batch: Pending[] = [];
      for (const id of ready) {
        const queue = waiting.get(id)!;
        batch.push(...queue.splice(0, MAX_BATCH - batch.length));
        if (queue.length === 0) waiting.delete(id);
        ready.delete(id);
        inTransaction.add(id);
        if (batch.length === MAX_BATCH) break;
      }
      const run = { at: Date.now() };
      running.add(run);
      void runBatch(batch).finally(() => {
        running.delete(run);
        for (const p of batch) {
          inTransaction.delete(p.conversationId);
          if (waiting.has(p.conversationId)) ready.add(p.conversationId);
        }
        pump();
      });
    }
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    const chains = byConversation(batch);
    // One conversation's writes run one after another anyway: behind savepoints from the start.
    if (chains.size === 1) return oneByOne(batch, chains);
    const { again, failed } = await together(batch, chains);
    if (again.length > 0) await oneByOne(again, byConversation(again));
    // Heard after the writes run again committed, as a failure is heard in `oneByOne`.
    for (const { p, err } of failed) p.reject(err);
  }

  /**
   * The batch's writes side by side, one chain per conversation (a conversation's writes one after
   * another), so that the statements of many writes leave in one write to the database and come back
   * in one read. Without savepoints, a write that fails takes the others' statements with it: then
   * the transaction is rolled back, the write that failed fails (the first of its conversation's
   * chain, which saw nothing uncommitted of the batch) and the others are returned to run again.
   */
  async function together(
    batch: Pending[],
    chains: Map<string, Pending[]>,
  ): Promise<{ again: Pending[]; failed: { p: Pending; err: unknown }[] }> {
    const outcomes = new Map<Pending, Outcome>();
    let failed = false;
    try {
      await db.transaction(async (q) => {
        const locked = await lockAll(q, chains);
        const txs: ReturnType<typeof openTx>[] = [];
        // Every chain settles before the transaction ends: none sends a statement after it.
        await Promise.all(
          [...chains].map(async ([id, writes]) => {
            const found = locked.get(id);
            if (!found) return;
            const t = openTx(q, found.row, found.known);
            txs.push(t);
            for (const p of writes) {
              if (failed) return;
              try {
                outcomes.set(p, { ok: true, result: await p.fn(t.tx) });
              } catch (err) {
                failed = true;
                outcomes.set(p, { ok: false, err });
              }
            }
          }),
        );
        if (failed) throw ROLLED_BACK;
        // Not awaited: the heads' updates travel with COMMIT (a failed update makes it a rollback).
        for (const t of txs) void t.finish().catch(() => undefined);
      });
    } catch (err) {
      if (err !== ROLLED_BACK) {
        for (const p of batch) p.reject(err);
        return { again: [], failed: [] };
      }
      const again: Pending[] = [];
      const final: { p: Pending; err: unknown }[] = [];
      for (const p of batch) {
        const o = outcomes.get(p);
        if (o && !o.ok && chains.get(p.conversationId)![0] === p && !notItsOwn(o.err)) final.push({ p, err: o.err });
        else again.push(p);
      }
      return { again, failed: final };
    }
    for (const p of batch) {
      const o = outcomes.get(p);
      p.resolve(o?.ok ? { result: o.result } : null);
    }
    return { again: [], failed: [] };
  }

  /** The batch's writes one after another, each behind a savepoint (none for a single write). */
  async function oneByOne(batch: Pending[], chains: Map<string, Pending[]>): Promise<void> {
    const settled: (() => void)[] = [];
    try {
      await db.transaction(async (q) => {
        const locked = await lockAll(q, chains);
        const txs = new Map([...locked].map(([id, { row, known }]) => [id, openTx(q, row, known)]));
        const single = batch.length === 1;
        for (const [i, p] of batch.entries()) {
          const t = txs.get(p.conversationId);
          if (!t) {
            settled.push(() => p.resolve(null));
            continue;
          }
          // Sent with the write's first statement. Never released: releasing frees nothing of what a
          // subtransaction holds until commit.
          if (!single) void q.query(`SAVEPOINT w${i}`).catch(() => undefined);
          const restore = t.checkpoint();
          try {
            const result = await p.fn(t.tx);
            settled.push(() => p.resolve({ result }));
          } catch (err) {
            if (single) throw err;
            await q.query(`ROLLBACK TO SAVEPOINT w${i}`);
            restore();
            settled.push(() => p.reject(err));
          }
        }
        // Not awaited: the heads' updates travel with COMMIT (a failed update makes it a rollback).
        for (const t of txs.values()) void t.finish().catch(() => undefined);
      });
    } catch (err) {
      // The transaction itself failed (a lock, a head, the commit): no write of it stands.
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
      // As PostgreSQL answers ids (lower case), so that the lock's rows find their writes.
      const id = conversationId.toLowerCase();
      return new Promise((resolve, reject) => {
        const pending = { conversationId: id, fn, actorId, resolve, reject } as Pending;
        const queue = waiting.get(id);
        if (queue) queue.push(pending);
        else waiting.set(id, [pending]);
        if (!inTransaction.has(id)) ready.add(id);
        pump();
      });
    },
  };
}

/**
 * Locks the batch's conversations and reads their writers' memberships, all sent in one write and
 * answered under the locks: the conversations found, each with what was read of its members.
 */
async function lockAll(
  q: Queryable,
  chains: ReadonlyMap<string, readonly Pending[]>,
): Promise<Map<string, { row: Conversation; known: KnownMembers | undefined }>> {
  const locking = q.query<ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...chains.keys()]],
  );
  const known = new Map(
    [...chains].map(([id, writes]) => {
      const actors = new Set(writes.flatMap((p) => (p.actorId === undefined ? [] : [p.actorId])));
      return [id, readWithLock(q, id, [...actors])];
    }),
  );
  const { rows } = await locking;
  return new Map(rows.map((r) => [r.id, { row: toConversation(r), known: known.get(r.id) }]));
}
