import type { ConversationStore } from '@parley/core';
import type { Queryable } from '../postgres/database';
import type { ChatModels } from './chat.models';

/**
 * Repairs every conversation whose PostgreSQL row is behind its MongoDB event log (a process died
 * between the two commits of a write), so a lost removal does not wait for the conversation's next
 * write to take effect. Each one is repaired by an empty write: the decision is taken again under
 * the row lock, so a write another node is committing at the same time is waited for, not undone.
 * Stops early once `stopped()` is true (the node is shutting down).
 * @returns how many conversations were behind.
 */
export async function sweepLostCommits(
  db: Queryable,
  models: ChatModels,
  store: Pick<ConversationStore, 'write'>,
  { batch = 1000, stopped = () => false }: { batch?: number; stopped?: () => boolean } = {},
): Promise<number> {
  let behind = 0;
  let after = '';
  for (;;) {
    const heads = await models.heads
      .find({ _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(batch)
      .lean();
    const last = heads[heads.length - 1];
    if (!last || stopped()) return behind;
    const { rows } = await db.query<{ id: string; last_seq: number }>(
      'SELECT id, last_seq FROM conversations WHERE id = ANY($1::uuid[])',
      [heads.map((h) => h._id)],
    );
    const pgSeq = new Map(rows.map((r) => [r.id, r.last_seq]));
    for (const h of heads) {
      const seq = pgSeq.get(h._id);
      if (seq === undefined || seq >= h.seq || stopped()) continue;
      behind += 1;
      await store.write(h._id, async () => undefined);
    }
    after = last._id;
  }
}
