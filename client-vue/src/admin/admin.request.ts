import type { OperationVariables } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { apollo } from '../apollo/apollo.client';

type Document<TData, TVariables> = TypedDocumentNode<TData, TVariables> & DocumentNode;

// The console reads and writes past the normalized cache: reported messages, appeals and audit entries are
// moderation records, not chat state, and the cache is saved to this device (IndexedDB) for offline use.

/** Runs an administrator's query, always from the server. */
export async function adminQuery<TData, TVariables extends OperationVariables>(
  query: Document<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const { data } = await apollo.query<TData, TVariables>({ query, variables, fetchPolicy: 'no-cache' } as never);
  if (data === undefined) throw new Error('The server sent no data');
  return data as TData;
}

/** Runs an administrator's mutation; its answer is not written into the cache. */
export async function adminMutate<TData, TVariables extends OperationVariables>(
  mutation: Document<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const { data } = await apollo.mutate<TData, TVariables>({ mutation, variables, fetchPolicy: 'no-cache' } as never);
  if (data === undefined || data === null) throw new Error('The server sent no data');
  return data as TData;
}
