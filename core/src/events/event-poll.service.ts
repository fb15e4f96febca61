import type { ConversationStore } from '../ports/conversation.store';
import { ValidationError } from '../shared/errors';
import { isId } from '../shared/validate';
import type { ConversationEvent } from './event.model';
import type { EventStream } from './event-stream';
import type { EventStreamService } from './event-stream.service';

/** Longest a poll waits for an event. */
export const MAX_POLL_WAIT_MS = 30_000;
/** Most events one poll answers with; the next poll continues after them. */
export const MAX_POLL_EVENTS = 200;

/** One answer to a poll: the events after the cursor, and where the next poll starts. */
export interface EventBatch {
  events: ConversationEvent[];
  /** The seq of the last event in this batch, or `afterSeq` when it is empty. */
  lastSeq: number;
}

/** One answer to an inbox poll, with the opaque cursor of the next poll. */
export interface InboxBatch {
  events: ConversationEvent[];
  cursor: string;
}

/** Waits up to `waitMs` for a first event, then takes what else is already there, without waiting again. */
async function collect(stream: EventStream, waitMs: number): Promise<ConversationEvent[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)));
  try {
    const first = await Promise.race([stream.next(), timeout]);
    if (first === 'timeout' || first.done) return [];
    return [first.value, ...stream.takeQueued(MAX_POLL_EVENTS - 1)];
  } finally {
    clearTimeout(timer);
  }
}

function checkWait(waitMs: number): void {
  if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > MAX_POLL_WAIT_MS) {
    throw new ValidationError({ waitMs: `must be between 0 and ${MAX_POLL_WAIT_MS}` });
  }
}

const encode = (positions: Map<string, number>) =>
  Buffer.from(JSON.stringify(Object.fromEntries(positions))).toString('base64url');

function decode(cursor: string): Map<string, number> | null {
  try {
    const o = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    const entries = Object.entries(o);
    const ok = entries.every(([id, seq]) => isId(id) && Number.isInteger(seq) && (seq as number) >= 0);
    return ok ? new Map(entries as [string, number][]) : null;
  } catch {
    return null;
  }
}

/**
 * Long-polling over the same per-node feeds as subscriptions: a poll answers at once when events after
 * its cursor are stored (one read), else it waits on the feed, holding no database connection, and
 * answers as soon as an event arrives or `waitMs` has passed. Order, gap-free replay, authorization
 * and RESYNC_REQUIRED are those of `conversationEvents`.
 */
export function createEventPollService(d: { events: EventStreamService; store: ConversationStore }) {
  return {
    async conversation(
      viewerId: string,
      conversationId: string,
      afterSeq: number,
      waitMs: number,
    ): Promise<EventBatch> {
      checkWait(waitMs);
      const stream = await d.events.conversationEvents(viewerId, conversationId, afterSeq);
      try {
        const events = await collect(stream, waitMs);
        return { events, lastSeq: events.at(-1)?.seq ?? afterSeq };
      } finally {
        await stream.return();
      }
    },

    /**
     * Every conversation of the viewer's. Without a cursor it starts from now; conversations the viewer
     * joined since the cursor was made are followed from the seq they joined at; conversations they
     * are no longer in are dropped (a cursor cannot reach past membership).
     */
    async inbox(viewerId: string, cursor: string | null, waitMs: number): Promise<InboxBatch> {
      checkWait(waitMs);
      const from = cursor === null ? null : decode(cursor);
      if (cursor !== null && !from) throw new ValidationError({ cursor: 'is not a valid cursor' });
      const ids = await d.store.conversationIdsOf(viewerId);
      const joined = from
        ? await d.store.getMemberships(
            ids.filter((id) => !from.has(id)).map((conversationId) => ({ conversationId, userId: viewerId })),
          )
        : [];
      const stream = await d.events.followed(viewerId, (follow) =>
        Promise.all(
          ids.map((id) =>
            follow(
              id,
              from
                ? (from.get(id) ?? Math.max(0, (joined.find((m) => m.conversationId === id)?.joinedSeq ?? 1) - 1))
                : null,
            ),
          ),
        ),
      );
      try {
        const events = await collect(stream, waitMs);
        return { events, cursor: encode(stream.positions()) };
      } finally {
        await stream.return();
      }
    },
  };
}

/** The poll service's surface. */
export type EventPollService = ReturnType<typeof createEventPollService>;
