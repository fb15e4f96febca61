import type { ConversationEvent } from './event.model';
import { channels, type ChannelBus, type JoinedNotice } from './bus-channels';
import type { ConversationFeeds } from './conversation-feeds';

/**
 * Sends committed events out: to this node's listeners at once, and one publish per event on the
 * conversation's channel for the other nodes. Publishing never fails the write that caused it: a
 * lost publish is a gap that subscribers fill from storage.
 */
export function createEventPublisher(bus: ChannelBus, feeds: ConversationFeeds, onError: (err: unknown) => void) {
  return {
    publish(
      events: readonly ConversationEvent[],
      joined: readonly { userId: string; notice: JoinedNotice }[] = [],
    ): void {
      for (const e of events) {
        feeds.ingestLocal(e);
        bus.publish(channels.conversation(e.conversationId), e).catch(onError);
      }
      for (const j of joined) bus.publish(channels.user(j.userId), j.notice).catch(onError);
    },
  };
}

/** The event publisher's surface. */
export type EventPublisher = ReturnType<typeof createEventPublisher>;
