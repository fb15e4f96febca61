import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { from, mergeMap, of, type Observable } from 'rxjs';
import { markConnected, markDisconnected, markOffline } from '../connection/connection.store';
import {
  accessToken,
  currentUserId,
  freshAccessToken,
  refreshAccessToken,
  SessionExpiredError,
} from '../session/session.store';
import { createCache } from './apollo.cache';

type Listener = () => void;
const reconnectListeners = new Set<Listener>();

/** Runs `listener` after every reconnection of the WebSocket (not the first connection). */
export function onReconnect(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

function graphqlUrl(protocol: 'http' | 'ws'): string {
  const { location } = window;
  const scheme = protocol === 'ws' ? (location.protocol === 'https:' ? 'wss:' : 'ws:') : location.protocol;
  return `${scheme}//${location.host}/graphql`;
}

let wakeRetry: Listener | null = null;

function waitForRetry(retries: number): Promise<void> {
  const delay = Math.min(4000, 300 * 2 ** retries) * (0.75 + Math.random() / 2);
  return new Promise((resolve) => {
    const timer = setTimeout(done, delay);
    function done(): void {
      clearTimeout(timer);
      wakeRetry = null;
      resolve();
    }
    wakeRetry = done;
  });
}

function createWsClient(): Client {
  let connectedOnce = false;
  return createClient({
    url: graphqlUrl('ws'),
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: waitForRetry,
    connectionParams: async () => {
      const token = await freshAccessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: () => {
        markConnected();
        if (connectedOnce) reconnectListeners.forEach((listener) => listener());
        connectedOnce = true;
      },
      closed: (event) => {
        markDisconnected();
        const code = (event as { code?: number } | undefined)?.code;
        // 4403: the access token expired or was rejected; the next attempt reads the refreshed token.
        if (code === 4403) refreshAccessToken().catch(() => undefined);
      },
    },
  });
}

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

export const wsClient = createWsClient();

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => {
    markOffline();
    // Chromium may keep a dead socket open for a long time; drop it so we resume promptly later.
    wsClient.terminate();
  });
  window.addEventListener('online', () => {
    markDisconnected();
    wakeRetry?.();
  });
}

/** The app's one store of chat state (see apollo.cache.ts). */
export const cache = createCache({ me: currentUserId });

const httpLink = new HttpLink({ uri: '/graphql' });
const wsLink = new GraphQLWsLink(wsClient);

export const apollo = new ApolloClient({
  link: ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    wsLink,
    authLink.concat(httpLink),
  ),
  cache,
  defaultOptions: {
    query: { fetchPolicy: 'network-only' },
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});
