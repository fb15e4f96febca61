import type { ConversationStore } from '../ports/conversation.store';
import { requireMember } from '../conversations/conversation.writes';
import { NotFoundError, ValidationError } from '../shared/errors';
import { isId } from '../shared/validate';
import type { ConversationFeeds } from './conversation-feeds';
import { channels, type ChannelBus } from './bus-channels';
import { EventStream } from './event-stream';

/** Settings of {@link createEventStreamService}. */
export interface EventStreamServiceDeps {
  store: ConversationStore;
  bus: ChannelBus;
  feeds: ConversationFeeds;
  /** Most events replayed before the client is told to refetch. @default 1000 */
  replayLimit: number;
}

/** Subscriptions to conversation events: one conversation with resume, or every conversation of a viewer. */
export function createEventStreamService(d: EventStreamServiceDeps) {
  return {
    /**
     * Events of one conversation: replay after `afterSeq`, then live; ends after the viewer leaves. A
     * former member may resume from before they left, up to their MemberLeft; NOT_FOUND otherwise.
     */
    async conversationEvents(viewerId: string, conversationId: string, afterSeq: number | null): Promise<EventStream> {
      if (afterSeq !== null && (!Number.isInteger(afterSeq) || afterSeq < 0)) {
        throw new ValidationError({ afterSeq: 'must be a non-negative integer' });
      }
      if (!isId(conversationId)) throw new NotFoundError('Conversation');
      const stream = new EventStream(d, viewerId, 'end');
      await stream.follow(conversationId, afterSeq, async () => {
        try {
          await requireMember(d.store, viewerId, conversationId);
        } catch (err) {
          // Removed while away (offline, or between two polls): resuming from before the removal
          // replays up to the viewer's own MemberLeft, which ends the stream, so they learn of it.
          const upTo = (afterSeq ?? 0) + d.replayLimit;
          if (afterSeq === null || (await d.store.memberLeftSeq(conversationId, viewerId, afterSeq, upTo)) === null)
            throw err;
        }
      });
      return stream;
    },

    /**
     * A stream of the conversations `follow` is given, each from its own cursor, that drops a
     * conversation after the viewer's MemberLeft in it. The caller has checked the viewer belongs to them.
     */
    async followed(
      viewerId: string,
      start: (follow: (conversationId: string, afterSeq: number | null) => Promise<void>) => Promise<unknown>,
    ): Promise<EventStream> {
      const stream = new EventStream(d, viewerId, 'drop');
      try {
        await start((id, afterSeq) => stream.follow(id, afterSeq));
      } catch (err) {
        await stream.return();
        throw err;
      }
      return stream;
    },

    /** Live events of every conversation the viewer belongs to, including ones joined later. */
    async inboxEvents(viewerId: string): Promise<EventStream> {
      let unsubscribe: () => void = () => undefined;
      const stream = new EventStream(d, viewerId, 'drop', () => unsubscribe());
      unsubscribe = await d.bus.subscribe(channels.user(viewerId), (notice) => {
        if (notice.type !== 'joined') return;
        stream
          .follow(notice.conversationId, notice.fromSeq - 1, () =>
            requireMember(d.store, viewerId, notice.conversationId),
          )
          .catch(() => undefined);
      });
      const ids = await d.store.conversationIdsOf(viewerId);
      await Promise.all(ids.map((id) => stream.follow(id, null)));
      return stream;
    },
  };
}

/** The event stream service's surface. */
export type EventStreamService = ReturnType<typeof createEventStreamService>;
