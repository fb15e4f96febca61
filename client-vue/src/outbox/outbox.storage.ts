import { openParleyDb, type OutboxEntry } from '../offline/offline.db';
import type { OutboxStorage } from './outbox.queue';

export function idbOutboxStorage(): OutboxStorage {
  return {
    async list() {
      const db = await openParleyDb();
      return db.getAll('outbox');
    },
    async add(entry) {
      const db = await openParleyDb();
      const { localId: _ignored, ...rest } = entry;
      const localId = await db.add('outbox', rest as OutboxEntry);
      return { ...rest, localId };
    },
    async update(entry) {
      const db = await openParleyDb();
      await db.put('outbox', { ...entry });
    },
    async remove(localId) {
      const db = await openParleyDb();
      await db.delete('outbox', localId);
    },
  };
}
