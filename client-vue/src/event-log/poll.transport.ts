import type { ApolloClient } from '@apollo/client';
import { isTransient, toApiError } from '../apollo/graphql-error';
import type { ConversationEvent, EventSink, EventSource, EventTransport } from './event.transport';
import { PollConversationEventsQuery, PollInboxEventsQuery } from './poll.documents';

/** What the polls tell whoever picks the transport. */
export interface PollReports {
  /** A poll was answered. */
  connected(): void;
  /** A poll failed in a way a later one may not (network, server, rate limit). */
  failed(error: unknown): void;
}

export interface PollTransportOptions {
  client: Pick<ApolloClient, 'query'>;
  onReconnect: EventTransport['onReconnect'];
  report?: PollReports;
  /** How long the server may hold a poll before answering empty (it allows up to 30 s). @default 25000 */
  waitMs?: number;
}

interface Batch {
  events: readonly ConversationEvent[];
  /** Where the next poll starts: a conversation's seq, or the inbox's opaque cursor. */
  next: number | string;
}

/**
 * Events by long-polling queries on `/graphql`, for networks where neither WebSocket nor SSE gets through.
 * Each poll asks for the events after the previous answer (`lastSeq`, or the inbox's cursor), so a
 * conversation resumes from the seq it was asked for, like a subscription. The first poll answers at once,
 * which also starts the inbox's cursor now. Any error ends the loop through `sink.error` (the event log
 * resyncs or shows it); those worth retrying are also reported, and the selector subscribes everything again
 * after a pause. Stopping aborts the poll in flight.
 */
export function pollTransport(options: PollTransportOptions): EventTransport {
  const waitMs = options.waitMs ?? 25_000;
  const { client, report } = options;

  async function poll(source: EventSource, from: number | string | null, wait: number, signal: AbortSignal) {
    // Two polls with the same variables must not share one request: a stopped one aborts it.
    const context = { fetchOptions: { signal }, queryDeduplication: false };
    if (source === 'inbox') {
      const cursor = typeof from === 'string' ? from : null;
      const { data } = await client.query({
        query: PollInboxEventsQuery,
        variables: { cursor, waitMs: wait },
        fetchPolicy: 'no-cache',
        context,
      });
      if (!data) throw new Error('No batch in the answer');
      return { events: data.pollInboxEvents.events, next: data.pollInboxEvents.cursor } satisfies Batch;
    }
    const afterSeq = typeof from === 'number' ? from : source.afterSeq;
    const { data } = await client.query({
      query: PollConversationEventsQuery,
      variables: { conversationId: source.conversationId, afterSeq, waitMs: wait },
      fetchPolicy: 'no-cache',
      context,
    });
    if (!data) throw new Error('No batch in the answer');
    return { events: data.pollConversationEvents.events, next: data.pollConversationEvents.lastSeq } satisfies Batch;
  }

  async function follow(source: EventSource, sink: EventSink, signal: AbortSignal): Promise<void> {
    let from: number | string | null = source === 'inbox' ? null : source.afterSeq;
    let wait = 0;
    while (!signal.aborted) {
      let batch: Batch;
      try {
        batch = await poll(source, from, wait, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (isTransient(toApiError(error))) report?.failed(error);
        sink.error(error);
        return;
      }
      if (signal.aborted) return;
      report?.connected();
      for (const event of batch.events) {
        // An event may stop the subscription (the viewer's own removal): deliver nothing after that.
        if (signal.aborted) return;
        sink.next(event);
      }
      from = batch.next;
      wait = waitMs;
    }
  }

  return {
    onReconnect: options.onReconnect,
    subscribe(source, sink) {
      const controller = new AbortController();
      void follow(source, sink, controller.signal);
      return () => controller.abort();
    },
  };
}
