import type { ApolloClient } from '@apollo/client';
import { map, type Observable } from 'rxjs';
import { ConversationEventsSubscription, InboxEventsSubscription } from './event.documents';
import type { ConversationEvent, EventTransport } from './event.transport';

interface Delivery {
  event?: ConversationEvent;
  error?: unknown;
}

/**
 * Events over the app's Apollo Client subscriptions, which travel on graphql-ws or, in compatibility mode, on
 * GraphQL over SSE (the link picks). Results bypass the cache (`no-cache`): the event log decides what is new
 * and writes it.
 */
export function subscriptionTransport(
  client: ApolloClient,
  onReconnect: EventTransport['onReconnect'],
): EventTransport {
  return {
    onReconnect,
    subscribe(source, sink) {
      const deliveries: Observable<Delivery> =
        source === 'inbox'
          ? client
              .subscribe({ query: InboxEventsSubscription, fetchPolicy: 'no-cache' })
              .pipe(map(({ data, error }) => ({ event: data?.inboxEvents, error })))
          : client
              .subscribe({ query: ConversationEventsSubscription, variables: source, fetchPolicy: 'no-cache' })
              .pipe(map(({ data, error }) => ({ event: data?.conversationEvents, error })));
      const subscription = deliveries.subscribe({
        next: ({ event, error }) => {
          if (error) sink.error(error);
          else if (event) sink.next(event);
        },
        error: (error: unknown) => sink.error(error),
      });
      return () => subscription.unsubscribe();
    },
  };
}
