import type { EventBus } from '../ports/event.bus';
import type { ConversationEvent } from './event.model';
import { conversationChannel, type ConversationFeeds } from './conversation-feeds';

/** A notice on a user's own channel that they joined a conversation at `fromSeq`. */
export interface JoinedNotice {
  type: 'joined';
  conversationId: string;
  fromSeq: number;
}

/** The pub/sub channel of notices for one user. */
export const userChannel = (userId: string) => `user:${userId}`;

/**
 * Sends committed events out: to this node's listeners at once, and one publish per event on the
 * conversation's channel for the other nodes. Publishing never fails the write that caused it: a
 * lost publish is a gap that subscribers fill from storage.
 */
export function createEventPublisher(bus: EventBus, feeds: ConversationFeeds, onError: (err: unknown) => void) {
  return {
    publish(
      events: readonly ConversationEvent[],
      joined: readonly { userId: string; notice: JoinedNotice }[] = [],
    ): void {
      for (const e of events) {
        feeds.ingestLocal(e);
        bus.publish(conversationChannel(e.conversationId), e).catch(onError);
      }
      for (const j of joined) bus.publish(userChannel(j.userId), j.notice).catch(onError);
    },
  };
}

/** The event publisher's surface. */
export type EventPublisher = ReturnType<typeof createEventPublisher>;
