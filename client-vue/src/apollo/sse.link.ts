import { ApolloLink } from '@apollo/client';
import { print } from 'graphql';
import { createClient, NetworkError } from 'graphql-sse';
import { Observable } from 'rxjs';

/** What the SSE streams tell whoever picks the transport. */
export interface SseReports {
  /** A stream is being opened. */
  attempt(): void;
  /** A stream is open: the server answered and keeps it open. */
  connected(): void;
  /** A stream could not be opened or broke (`status`: the HTTP status of a refusal, if any). */
  failed(status: number | undefined): void;
}

export interface SseLinkOptions {
  /** `/graphql/stream` on this origin. */
  url: string;
  /** Headers of each request: the `Authorization` header (never a token in the URL). */
  headers(): Promise<Record<string, string>>;
  report: SseReports;
}

/**
 * Subscriptions over GraphQL over Server-Sent Events, "distinct connections" mode: one streamed request per
 * operation. The client does not retry on its own: a stream that fails is reported and ends with the error,
 * and the transport selector subscribes everything again after a pause (as after a WebSocket reconnect),
 * so that conversations resume from their applied seq rather than from the seq they first asked for.
 */
export function createSseLink(options: SseLinkOptions): ApolloLink {
  const { report } = options;
  const client = createClient({
    url: options.url,
    headers: () => options.headers(),
    retryAttempts: 0,
    on: {
      connecting: () => report.attempt(),
      connected: () => report.connected(),
    },
  });
  return new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) =>
        client.subscribe<ApolloLink.Result['data'], ApolloLink.Result['extensions']>(
          {
            query: print(operation.query),
            variables: operation.variables,
            operationName: operation.operationName,
            extensions: operation.extensions,
          },
          {
            next: (result) => observer.next(result as ApolloLink.Result),
            complete: () => observer.complete(),
            error: (error: unknown) => {
              report.failed(error instanceof NetworkError ? error.response?.status : undefined);
              observer.error(error);
            },
          },
        ),
      ),
  );
}
