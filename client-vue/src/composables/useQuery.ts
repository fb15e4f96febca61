import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { OperationVariables } from '@apollo/client';
import type { Subscription } from 'rxjs';
import { apollo } from '../apollo/apollo.client';

export interface QueryState<TData> {
  data: Ref<TData | undefined>;
  loading: Ref<boolean>;
  error: Ref<unknown>;
  refetch: () => Promise<void>;
}

/**
 * Watches a query through `client.watchQuery`, re-running it when the variables change.
 * `enabled` returning false pauses it (e.g. an empty search box).
 */
export function useQuery<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables> & DocumentNode,
  variables: MaybeRefOrGetter<TVariables>,
  enabled: MaybeRefOrGetter<boolean> = true,
): QueryState<TData> {
  const data = shallowRef<TData | undefined>();
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let subscription: Subscription | null = null;
  let observable: ReturnType<typeof apollo.watchQuery<TData, TVariables>> | null = null;

  function start(): void {
    subscription?.unsubscribe();
    subscription = null;
    if (!toValue(enabled)) {
      loading.value = false;
      return;
    }
    loading.value = true;
    observable = apollo.watchQuery<TData, TVariables>({ query: document, variables: toValue(variables) } as never);
    subscription = observable.subscribe({
      next: (result) => {
        if (result.data !== undefined && result.dataState === 'complete') data.value = result.data as TData;
        error.value = result.error ?? null;
        loading.value = result.loading;
      },
      error: (e: unknown) => {
        error.value = e;
        loading.value = false;
      },
    });
  }

  watch(() => [toValue(variables), toValue(enabled)], start, { immediate: true, deep: true });
  onScopeDispose(() => subscription?.unsubscribe());

  return {
    data,
    loading,
    error,
    refetch: async () => {
      await observable?.refetch();
    },
  };
}
