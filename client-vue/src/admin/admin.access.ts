import { computed, type ComputedRef } from 'vue';
import { useQuery } from '../composables/useQuery';
import { IsServerAdminQuery } from './admin.documents';

/**
 * Whether the signed-in user administers the server: true or false once known, null while asked. Only what the
 * app shows depends on it; the server checks every administrator's request itself.
 */
export function useIsServerAdmin(): ComputedRef<boolean | null> {
  const query = useQuery(IsServerAdminQuery, {});
  return computed(() => query.data.value?.isServerAdmin ?? (query.loading.value ? null : false));
}
