import type { ConversationEventFieldsFragment } from '../gql/graphql';

/** A durable change of one conversation, numbered by `seq` (1, 2, 3, … with no gaps). */
export type ConversationEvent = ConversationEventFieldsFragment;

/**
 * What to follow: one conversation, replaying every event after `afterSeq` before going live, or every
 * conversation of the viewer, live only.
 */
export type EventSource = { conversationId: string; afterSeq: number } | 'inbox';

export interface EventSink {
  next(event: ConversationEvent): void;
  /** The subscription ended with an error (`RESYNC_REQUIRED`, `FORBIDDEN`, …). */
  error(error: unknown): void;
}

/**
 * How events reach the client: Apollo subscriptions over WebSocket or SSE (`subscription.transport.ts`), or
 * long-polling queries (`poll.transport.ts`), whichever the app's transport selector picked.
 */
export interface EventTransport {
  /** Starts following `source`; the returned function stops. */
  subscribe(source: EventSource, sink: EventSink): () => void;
  /**
   * Runs `listener` whenever the transport has been down and is back, when events may have been missed.
   * Returns a function that removes the listener.
   */
  onReconnect(listener: () => void): () => void;
}
