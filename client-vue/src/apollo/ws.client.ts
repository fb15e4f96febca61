import { createClient, type Client } from 'graphql-ws';
import { freshAccessToken, refreshAccessToken } from '../session/session.store';

/** What the WebSocket tells whoever picks the transport. */
export interface WsReports {
  /** A connection attempt started. */
  attempt(): void;
  /** The server acknowledged the connection. */
  connected(): void;
  /** The socket closed, whether it had been acknowledged or not. */
  closed(): void;
}

/** The app's URL of the GraphQL endpoint for HTTP(S) or WebSocket. */
export function graphqlUrl(protocol: 'http' | 'ws', path = '/graphql'): string {
  const { location } = window;
  const scheme = protocol === 'ws' ? (location.protocol === 'https:' ? 'wss:' : 'ws:') : location.protocol;
  return `${scheme}//${location.host}${path}`;
}

/** The access token as an `authorization` entry: graphql-ws's `connectionParams`, and the SSE requests' headers. */
export async function bearerAuthorization(): Promise<Record<string, string>> {
  const token = await freshAccessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * graphql-ws over one lazy socket that retries forever with backoff; `wake()` cuts the current wait short
 * (the browser came back online).
 */
export function createWsClient(report: WsReports): { client: Client; wake(): void } {
  let wakeRetry: (() => void) | null = null;

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

  const client = createClient({
    url: graphqlUrl('ws'),
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: waitForRetry,
    // A proxy that accepts the upgrade but passes nothing on must count as a failed attempt, not hang.
    connectionAckWaitTimeout: 5000,
    connectionParams: bearerAuthorization,
    on: {
      connecting: () => report.attempt(),
      connected: () => report.connected(),
      closed: (event) => {
        report.closed();
        const code = (event as { code?: number } | undefined)?.code;
        // 4403: the access token expired or was rejected; the next attempt reads the refreshed token.
        if (code === 4403) refreshAccessToken().catch(() => undefined);
      },
    },
  });
  return { client, wake: () => wakeRetry?.() };
}
