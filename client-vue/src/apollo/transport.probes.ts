import type { ApolloClient } from '@apollo/client';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { PollInboxEventsQuery } from '../event-log/poll.documents';
import { bearerAuthorization, graphqlUrl } from './ws.client';

/** How long a probe may take before its transport counts as not working. @default 5000 */
export const PROBE_TIMEOUT_MS = 5000;

/** Settles once, with whichever comes first: the probe's answer or the timeout's `false`. */
function settleOnce(timeoutMs: number, cleanup: () => void): { done: Promise<boolean>; finish(works: boolean): void } {
  let resolve: (works: boolean) => void = () => undefined;
  const done = new Promise<boolean>((r) => (resolve = r));
  let settled = false;
  const timer = setTimeout(() => finish(false), timeoutMs);
  function finish(works: boolean): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    cleanup();
    resolve(works);
  }
  return { done, finish };
}

/** One WebSocket of its own, up to the server's `connection_ack`, then closed. */
export function probeWebSocket(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const client = createWsClient({
    url: graphqlUrl('ws'),
    lazy: false,
    retryAttempts: 0,
    connectionParams: bearerAuthorization,
    connectionAckWaitTimeout: timeoutMs,
    // A failed probe is an expected answer, not an error for the console.
    onNonLazyError: () => undefined,
    on: {
      connected: () => probe.finish(true),
      closed: () => probe.finish(false),
    },
  });
  const probe = settleOnce(timeoutMs, () => void client.dispose());
  return probe.done;
}

/** One streamed request to `/graphql/stream`, which must answer a trivial operation and complete. */
export function probeSse(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const url = graphqlUrl('http', '/graphql/stream');
  const client = createSseClient({ url, headers: bearerAuthorization, retryAttempts: 0 });
  let answered = false;
  const probe = settleOnce(timeoutMs, () => client.dispose());
  client.subscribe(
    { query: 'query TransportProbe { __typename }', operationName: 'TransportProbe' },
    {
      next: (result) => (answered = !result.errors?.length),
      error: () => probe.finish(false),
      complete: () => probe.finish(answered),
    },
  );
  return probe.done;
}

/** One inbox poll that answers at once: long-polling works wherever plain queries reach the server. */
export async function probePolling(client: ApolloClient): Promise<boolean> {
  try {
    await client.query({
      query: PollInboxEventsQuery,
      variables: { cursor: null, waitMs: 0 },
      fetchPolicy: 'no-cache',
    });
    return true;
  } catch {
    return false;
  }
}
