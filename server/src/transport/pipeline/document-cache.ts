import type { DocumentNode } from 'graphql';

/**
 * Parsed and validated documents by query text, least recently used first out: sockets sending the
 * same operation share one AST (less memory per socket, and shared execution can reuse results).
 */
export function createDocumentCache(max = 500) {
  const cache = new Map<string, DocumentNode>();
  return {
    get(query: string): DocumentNode | undefined {
      const doc = cache.get(query);
      if (doc) {
        // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
        cache.delete(query);
        cache.set(query, doc);
      }
      return doc;
    },
    /** Stores a document that parsed and validated without errors. */
    set(query: string, document: DocumentNode): void {
      cache.set(query, document);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
    },
  };
}
