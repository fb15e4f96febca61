import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { from, mergeMap, Observable, of } from 'rxjs';
import {
  markConnected,
  markDisconnected,
  markMode,
  markOffline,
  type TransportMode,
} from '../connection/connection.store';
import { TransportSelector } from '../connection/transport.selector';
import type { PollReports } from '../event-log/poll.transport';
import { accessToken, currentUserId, refreshAccessToken, SessionExpiredError } from '../session/session.store';
import { createCache } from './apollo.cache';
import { createSseLink } from './sse.link';
import { probePolling, probeSse, probeWebSocket } from './transport.probes';
import { bearerAuthorization, createWsClient, graphqlUrl } from './ws.client';

type Listener = () => void;
const reconnectListeners = new Set<Listener>();

/**
 * Runs `listener` after every reconnection (not the first connection) and after every switch of transport:
 * whenever subscriptions must be made again and events may have been missed.
 */
export function onReconnect(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

const resubscribeAll = () => reconnectListeners.forEach((listener) => listener());

function isUnauthenticated(result: ApolloLink.Result): boolean {
  return (result.errors ?? []).some((error) => error.extensions?.['code'] === 'UNAUTHENTICATED');
}

const authLink = new ApolloLink((operation, forward) => {
  const run = (token: string | null): Observable<ApolloLink.Result> => {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }));
    return forward(operation);
  };
  const initial = accessToken();
  return run(initial).pipe(
    mergeMap((result) => {
      if (!initial || !isUnauthenticated(result)) return of(result);
      return from(
        refreshAccessToken().catch((error: unknown) => {
          if (error instanceof SessionExpiredError) return null;
          throw error;
        }),
      ).pipe(mergeMap((token) => (token ? run(token) : of(result))));
    }),
  );
});

/** Whether the WebSocket has connected since it became the transport: its next `connected` is a reconnection. */
let wsConnectedOnce = false;

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/** Tries `mode` beside the app's connection. Signed out, every probe would be refused: nothing to learn. */
function probe(mode: TransportMode): Promise<boolean> {
  if (!accessToken()) return Promise.resolve(false);
  if (mode === 'ws') return probeWebSocket();
  return mode === 'sse' ? probeSse() : probePolling(apollo);
}

/** Which transport carries live updates: WebSocket first, then SSE, then long-polling (see the selector). */
export const transports = new TransportSelector({
  probe,
  switched: (mode) => {
    markMode(mode);
    markDisconnected();
    // Everything is subscribed again over the new transport now; its first connection is no reconnection.
    wsConnectedOnce = false;
  },
  resubscribe: (mode) => {
    resubscribeAll();
    // Back on WebSocket after a while: the socket's backoff from before need not be waited out.
    if (mode === 'ws') ws.wake();
  },
  isOnline,
});

/** Reports of one transport, heeded only while it is the selected one. */
function reportsFor(mode: TransportMode) {
  return {
    attempt: () => transports.attempt(mode),
    connected: () => {
      if (transports.mode !== mode) return;
      markConnected();
      transports.connected(mode);
    },
    failed: () => {
      if (transports.mode !== mode) return;
      markDisconnected();
      transports.failed(mode);
    },
  };
}

const wsReports = reportsFor('ws');
const ws = createWsClient({
  attempt: wsReports.attempt,
  connected: () => {
    if (transports.mode !== 'ws') return;
    wsReports.connected();
    if (wsConnectedOnce) resubscribeAll();
    wsConnectedOnce = true;
  },
  closed: wsReports.failed,
});
export const wsClient = ws.client;

const sseReports = reportsFor('sse');
const sseLink = createSseLink({
  url: graphqlUrl('http', '/graphql/stream'),
  headers: bearerAuthorization,
  report: {
    attempt: sseReports.attempt,
    connected: sseReports.connected,
    failed: (status) => {
      // The access token expired on the way; the next attempt reads the refreshed one.
      if (status === 401) refreshAccessToken().catch(() => undefined);
      sseReports.failed();
    },
  },
});

/** What long-polling reports (the poll transport lives with the event log). */
export const pollReports: PollReports = reportsFor('poll');

// Long-polling carries conversation events only: other subscriptions (presence, typing) stay quiet, without
// errors to retry, until a better transport is back and everything is subscribed again.
const pausedLink = new ApolloLink(() => new Observable<ApolloLink.Result>(() => undefined));

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => {
    markOffline();
    transports.offline();
    // Chromium may keep a dead socket open for a long time; drop it so we resume promptly later.
    wsClient.terminate();
  });
  window.addEventListener('online', () => {
    markDisconnected();
    ws.wake();
    transports.online();
  });
}

/** The app's one store of chat state (see apollo.cache.ts). */
export const cache = createCache({ me: currentUserId });

const httpLink = new HttpLink({ uri: '/graphql' });
const wsLink = new GraphQLWsLink(wsClient);
const subscriptionLink = ApolloLink.split(
  () => transports.mode === 'ws',
  wsLink,
  ApolloLink.split(() => transports.mode === 'sse', sseLink, pausedLink),
);

export const apollo = new ApolloClient({
  link: ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    subscriptionLink,
    authLink.concat(httpLink),
  ),
  cache,
  defaultOptions: {
    query: { fetchPolicy: 'network-only' },
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});
