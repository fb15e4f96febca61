import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { OperationVariables } from '@apollo/client';
import type { Subscription } from 'rxjs';
import { apollo } from '../apollo/apollo.client';

/**
 * Reads a query from the cache only, and again whenever what it reads changes. `undefined` until the cache
 * holds all of it; the event log, not the view, fetches.
 */
export function useCacheQuery<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables> & DocumentNode,
  variables: MaybeRefOrGetter<TVariables>,
): Ref<TData | undefined> {
  const data = shallowRef<TData | undefined>();
  let subscription: Subscription | null = null;

  watch(
    () => toValue(variables),
    (current) => {
      subscription?.unsubscribe();
      data.value = undefined;
      const query = apollo.watchQuery<TData, TVariables>({
        query: document,
        variables: current,
        fetchPolicy: 'cache-only',
      } as never);
      subscription = query.subscribe((result) => {
        data.value = result.dataState === 'complete' ? (result.data as TData) : undefined;
      });
    },
    { immediate: true, deep: true },
  );
  onScopeDispose(() => subscription?.unsubscribe());
  return data;
}
