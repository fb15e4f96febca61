import type { Member } from '../conversations/conversation.model';
import type { Message } from '../messages/message.model';
import type { HistoryRange, MessageReads } from '../ports/conversation.store';
import { clone, type MemoryTables } from './conversation.tx';

/** The memory store's reads of messages and read markers. */
export function memoryMessageReads(db: MemoryTables): MessageReads {
  const messagesOf = (conversationId: string): Message[] =>
    (db.messageIds.get(conversationId) ?? []).map((id) => db.messages.get(id)!);
  const hiddenFor = (userId: string | null | undefined, m: Message) => !!userId && db.hidden.has(`${userId}:${m.id}`);
  const inTimeline = (m: Message, r: HistoryRange) =>
    (r.threadRootId ? m.threadRootId === r.threadRootId : m.threadRootId === null) && !hiddenFor(r.hiddenFor, m);

  function moveMarker(
    conversationId: string,
    userId: string,
    seq: number,
    markers: ('lastReadSeq' | 'lastDeliveredSeq')[],
  ): Member | 'tooHigh' | null {
    const m = db.members.get(conversationId)?.get(userId);
    if (!m) return null;
    if (seq > (db.conversations.get(conversationId)?.lastSeq ?? 0)) return 'tooHigh';
    let moved = false;
    for (const k of markers) {
      if (seq > m[k]) {
        m[k] = seq;
        moved = true;
      }
    }
    const key = `${conversationId}:${userId}`;
    if (moved) db.marksPending.set(key, (db.marksPending.get(key) ?? 0) + 1);
    return clone(m);
  }

  return {
    async history(conversationId, r) {
      const { beforeSeq, afterSeq, limit } = r;
      const all = messagesOf(conversationId).filter((m) => inTimeline(m, r));
      const forward = afterSeq != null && beforeSeq == null;
      const inRange = all.filter(
        (m) => (beforeSeq == null || m.seq < beforeSeq) && (afterSeq == null || m.seq > afterSeq),
      );
      const page = forward ? inRange.slice(0, limit) : inRange.slice(Math.max(0, inRange.length - limit));
      const first = page[0];
      const last = page[page.length - 1];
      return {
        messages: page.map(clone),
        hasMoreBefore: forward
          ? all.some((m) => m.seq < (first?.seq ?? (afterSeq ?? 0) + 1))
          : inRange.length > limit || (afterSeq != null && all.some((m) => m.seq < (first?.seq ?? afterSeq + 1))),
        hasMoreAfter: forward
          ? inRange.length > limit
          : beforeSeq != null && all.some((m) => m.seq > (last?.seq ?? beforeSeq - 1)),
      };
    },
    async unreadCounts(userId, conversationIds) {
      const result = new Map<string, { messages: number; mentions: number }>();
      for (const id of conversationIds) {
        const m = db.members.get(id)?.get(userId);
        const unread = m
          ? messagesOf(id).filter(
              (msg) =>
                msg.seq > m.lastReadSeq &&
                msg.senderId !== userId &&
                msg.kind !== 'SYSTEM' &&
                !msg.deletedAt &&
                msg.threadRootId === null &&
                !hiddenFor(userId, msg),
            )
          : [];
        result.set(id, {
          messages: unread.length,
          mentions: unread.filter((x) => x.mentionIds.includes(userId)).length,
        });
      }
      return result;
    },
    markRead: async (c, u, seq) => moveMarker(c, u, seq, ['lastReadSeq', 'lastDeliveredSeq']),
    markDelivered: async (c, u, seq) => moveMarker(c, u, seq, ['lastDeliveredSeq']),
    receiptMarkers: async (conversationId) =>
      [...(db.members.get(conversationId)?.values() ?? [])]
        .sort((a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId))
        .map(clone),
    async setReadReceipts(userId, on) {
      if (on) db.readReceiptsOff.delete(userId);
      else db.readReceiptsOff.add(userId);
      for (const members of db.members.values()) {
        const m = members.get(userId);
        if (m) m.readReceipts = on;
      }
    },
    async reactionsBy(userId, messageIds) {
      const out = new Map<string, Set<string>>();
      for (const id of messageIds) {
        const mine = (db.reactions.get(id) ?? []).filter((r) => r.userId === userId).map((r) => r.emoji);
        if (mine.length > 0) out.set(id, new Set(mine));
      }
      return out;
    },
    async hideMessage(userId, message) {
      db.hidden.add(`${userId}:${message.id}`);
    },
  };
}
