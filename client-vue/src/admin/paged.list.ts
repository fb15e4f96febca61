import { ref, shallowRef, type Ref } from 'vue';
import { toApiError } from '../apollo/graphql-error';

export interface PagedList<T> {
  items: Ref<readonly T[]>;
  loading: Ref<boolean>;
  /** Why the last load failed; empty when it did not. */
  error: Ref<string>;
  /** Whether the last page was full, so an older one may follow. */
  hasMore: Ref<boolean>;
  /** Loads the first page again, dropping what was shown. */
  reload(): Promise<void>;
  /** Appends the page before the last item shown. */
  loadMore(): Promise<void>;
  /** Takes an item out (handled, decided), without asking the server again. */
  remove(id: string): void;
}

/**
 * A list read page by page, newest first, each page asked for with the id of the last item shown (`before`).
 * A reload started while a page is on its way wins: the older answer is dropped.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (before: string | null) => Promise<readonly T[]>,
  pageSize: number,
): PagedList<T> {
  const items = shallowRef<readonly T[]>([]);
  const loading = ref(false);
  const error = ref('');
  const hasMore = ref(false);
  let generation = 0;

  async function load(before: string | null): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    try {
      const page = await fetchPage(before);
      if (mine !== generation) return;
      const known = new Set(before === null ? [] : items.value.map((item) => item.id));
      const fresh = page.filter((item) => !known.has(item.id));
      items.value = before === null ? fresh : [...items.value, ...fresh];
      hasMore.value = page.length >= pageSize;
    } catch (e) {
      if (mine === generation) error.value = toApiError(e).message;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    items,
    loading,
    error,
    hasMore,
    reload: () => load(null),
    loadMore: () => load(items.value.at(-1)?.id ?? null),
    remove(id) {
      items.value = items.value.filter((item) => item.id !== id);
    },
  };
}
