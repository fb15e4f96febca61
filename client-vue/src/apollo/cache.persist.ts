import type { InMemoryCache, NormalizedCacheObject } from '@apollo/client';
import { trimMessageWindows } from './apollo.cache';

/** Where the saved state lives (IndexedDB in the app). */
export interface PersistStorage {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

export interface PersistOptions {
  cache: InMemoryCache;
  storage: PersistStorage;
  /**
   * State saved with the cache at the same moment, so the two always agree (the event log's applied seqs).
   * `restore` runs once the cache is restored and returns false when that cache must not be used.
   */
  extra?: { save(): unknown; restore(value: unknown): boolean };
  /** Changes within this many milliseconds are saved together. @default 50 */
  delayMs?: number;
  /** Messages kept per conversation when restoring; older ones are paged in again. @default 100 */
  keepMessages?: number;
}

export interface CachePersistence {
  /** Loads the saved state into the cache. Call it before anything reads the cache. */
  restore(): Promise<void>;
  /** Saves now, without waiting for the delay. */
  flush(): Promise<void>;
  /** Stops saving (logging out clears the storage next). */
  stop(): void;
}

interface Saved {
  cache: NormalizedCacheObject;
  extra?: unknown;
}

/** Saves the cache to `storage` shortly after every change, so that the app can start offline from it. */
export function persistCache({
  cache,
  storage,
  extra,
  delayMs = 50,
  keepMessages = 100,
}: PersistOptions): CachePersistence {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function snapshot(): Saved {
    // Mutation and subscription results are not state; __META retains written entities that nothing shows.
    const { ROOT_MUTATION: _m, ROOT_SUBSCRIPTION: _s, __META: _meta, ...data } = cache.extract();
    return { cache: data as NormalizedCacheObject, extra: extra?.save() };
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!stopped) await storage.save(snapshot());
  }

  function schedule(): void {
    if (!stopped && !timer) timer = setTimeout(() => void flush(), delayMs);
  }

  // Every change to an InMemoryCache goes through one of these.
  for (const method of ['write', 'modify', 'evict'] as const) {
    const original = cache[method] as (...args: unknown[]) => unknown;
    (cache as unknown as Record<typeof method, typeof original>)[method] = (...args) => {
      const result = original.apply(cache, args);
      schedule();
      return result;
    };
  }
  // A reload may come before the delay is over.
  if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void flush());

  return {
    async restore() {
      const saved = (await storage.load()) as Saved | undefined;
      if (!saved?.cache) return;
      try {
        cache.restore(trimMessageWindows(saved.cache, keepMessages));
        // Drops the messages trimmed off and anything else nothing refers to any more.
        cache.gc();
        if (extra && !extra.restore(saved.extra)) await cache.reset();
      } catch {
        // State saved by an older version that no longer fits: start empty, as on a first visit.
        await cache.reset();
      }
    },
    flush,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
