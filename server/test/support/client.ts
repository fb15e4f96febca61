import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A GraphQL response as the tests read it. */
export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  status: number;
}

/** POSTs an operation to `/graphql`. */
export async function gql<T = Record<string, any>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as object), status: res.status };
}

/** The first error code of a result. */
export const codeOf = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.['code'];

/** A graphql-ws client authenticated with `token`; no retries so failures surface. */
export function wsClient(baseUrl: string, token: string | undefined): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** A running subscription that records what it receives. */
export interface Recorder<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `n` events have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the subscription completes or errors. */
  ended(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Subscribes and records each `data` payload's `field`. */
export function record<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Recorder<T> {
  const r: Recorder<T> = {
    events: [],
    errors: [],
    completed: false,
    waitFor: (n, timeoutMs = 10_000) =>
      until(() => r.events.length >= n || r.errors.length > 0, timeoutMs).then(() => r.events),
    ended: (timeoutMs = 10_000) => until(() => r.completed || r.errors.length > 0, timeoutMs),
    stop: () => undefined,
  };
  r.stop = client.subscribe(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) r.errors.push(v.errors);
        else r.events.push((v.data as Record<string, T>)[field]!);
      },
      error: (e) => r.errors.push(e),
      complete: () => (r.completed = true),
    },
  );
  return r;
}

/** Polls `cond` every 10 ms until true or `timeoutMs` passes. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
