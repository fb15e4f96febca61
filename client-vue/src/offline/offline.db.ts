import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AttachmentKind } from '../media/attachment.rules';

/**
 * A file waiting with its message. The bytes are kept as a Blob (IndexedDB stores them as they are) with the
 * name beside it: a File's name does not survive every structured clone.
 */
export interface OutboxAttachment {
  key: string;
  blob: Blob;
  filename: string;
  contentType: string;
  byteSize: number;
  kind: AttachmentKind;
  /** Set once the bytes are on the server, so a retry attaches them instead of sending them again. */
  uploadId?: string;
  uploadExpiresAt?: string;
  /** Why the server refused this file, shown beside it. */
  error?: string;
}

export interface OutboxEntry {
  localId?: number;
  clientMessageId: string;
  conversationId: string;
  senderId: string;
  text: string;
  replyToId: string | null;
  /** Absent on entries saved before formatting and threads: plain text in the timeline. */
  format?: 'PLAIN' | 'MARKDOWN';
  threadRootId?: string | null;
  /** Files to upload and attach; the text is then their caption and may be empty. */
  attachments?: OutboxAttachment[];
  location?: { latitude: number; longitude: number; label?: string | null };
  createdAt: string;
  status: 'pending' | 'failed';
  error?: string;
}

interface ParleyDb extends DBSchema {
  kv: { key: string; value: unknown };
  outbox: { key: number; value: OutboxEntry; indexes: { byClientMessageId: string } };
}

let dbPromise: Promise<IDBPDatabase<ParleyDb>> | null = null;

export function openParleyDb(name = 'parley'): Promise<IDBPDatabase<ParleyDb>> {
  dbPromise ??= openDB<ParleyDb>(name, 1, {
    upgrade(db) {
      db.createObjectStore('kv');
      const outbox = db.createObjectStore('outbox', { keyPath: 'localId', autoIncrement: true });
      outbox.createIndex('byClientMessageId', 'clientMessageId', { unique: true });
    },
  });
  return dbPromise;
}

/** Drops the cached connection; tests use it to start from a fresh database. */
export function resetParleyDb(): void {
  dbPromise = null;
}

export async function cacheGet<T>(key: string): Promise<T | undefined> {
  try {
    const db = await openParleyDb();
    return (await db.get('kv', key)) as T | undefined;
  } catch {
    return undefined;
  }
}

export async function cachePut(key: string, value: unknown): Promise<void> {
  try {
    const db = await openParleyDb();
    // Vue proxies cannot be structured-cloned.
    await db.put('kv', JSON.parse(JSON.stringify(value)) as unknown, key);
  } catch {
    // A full or unavailable store only costs the offline view.
  }
}

export async function cacheClear(): Promise<void> {
  const db = await openParleyDb();
  await db.clear('kv');
  await db.clear('outbox');
}
