import type { EventPublisher } from '../events/event-publisher';
import type { ConversationStore } from '../ports/conversation.store';

/** Settings of {@link createReceiptAnnouncer}. */
export interface ReceiptAnnouncerDeps {
  store: ConversationStore;
  publisher: EventPublisher;
  /** Shortest time between two ReceiptsUpdated events of one conversation. @default 1000 */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Coalesces read and delivery markers into ReceiptsUpdated events: at most one per conversation per
 * interval across all nodes (the last announcement time is kept on the conversation and checked
 * under its lock), each carrying the markers that moved since the previous one. A node that moves a
 * marker schedules an announcement of its own, so every move is announced within about two
 * intervals, whichever node gets there first.
 */
export function createReceiptAnnouncer(d: ReceiptAnnouncerDeps) {
  const interval = d.intervalMs ?? 1000;
  const onError = d.onError ?? (() => undefined);
  const scheduled = new Map<string, NodeJS.Timeout>();

  function schedule(conversationId: string, delayMs: number): void {
    if (scheduled.has(conversationId)) return;
    const timer = setTimeout(() => {
      scheduled.delete(conversationId);
      void announce(conversationId).catch(onError);
    }, delayMs);
    timer.unref();
    scheduled.set(conversationId, timer);
  }

  async function announce(conversationId: string, force = false): Promise<void> {
    const res = await d.store.write(conversationId, async (tx) => {
      const wait = Date.parse(tx.conversation.receiptsAnnouncedAt) + interval - Date.now();
      if (wait > 0 && !force) return { wait };
      const moved = await tx.takeChangedMarks();
      if (moved.length === 0) return { wait: 0 };
      const event = await tx.appendEvent(() => ({
        type: 'ReceiptsUpdated',
        readers: moved.map((m) => ({
          userId: m.userId,
          lastReadSeq: m.lastReadSeq,
          lastDeliveredSeq: m.lastDeliveredSeq,
          readReceipts: m.readReceipts,
        })),
      }));
      await tx.receiptsAnnounced(event.createdAt);
      return { wait: 0, event };
    });
    if (!res) return;
    if (res.result.event) d.publisher.publish([res.result.event]);
    // Another announcement was too recent: try again once the interval has passed.
    if (res.result.wait > 0) schedule(conversationId, res.result.wait);
  }

  return {
    /** A member's markers moved in this conversation: announce them soon. */
    moved(conversationId: string): void {
      schedule(conversationId, interval);
    },
    /** Announces now what is pending, however recent the last announcement (tests). */
    flush: (conversationId: string) => announce(conversationId, true),
    dispose(): void {
      for (const t of scheduled.values()) clearTimeout(t);
      scheduled.clear();
    },
  };
}

/** The receipt announcer. */
export type ReceiptAnnouncer = ReturnType<typeof createReceiptAnnouncer>;
