import type { ConversationEvent } from '../events/event.model';
import { expiredContent, type Message } from '../messages/message.model';

/** The memory store's tables that hold messages (see `MemoryTables`). */
interface MessageTables {
  messages: Map<string, Message>;
  messageIds: Map<string, string[]>;
  idempotency: Map<string, string>;
  reactions: Map<string, unknown[]>;
  hidden: Set<string>;
}

/**
 * The messages `ConversationTx.expireMessages` takes from a conversation of the memory store: the
 * oldest before `before`, passing over a thread's first message while the thread has newer
 * replies, and a taken first message's replies with it.
 */
export function expiringMessages(db: MessageTables, conversationId: string, before: string, limit: number): Message[] {
  const all = (db.messageIds.get(conversationId) ?? []).map((id) => db.messages.get(id)!);
  const alive = new Set(all.filter((m) => m.threadRootId && m.createdAt >= before).map((m) => m.threadRootId));
  const oldest = all.filter((m) => m.createdAt < before && !alive.has(m.id)).slice(0, limit);
  const roots = new Set(oldest.map((m) => m.id));
  return [...oldest, ...all.filter((m) => m.threadRootId && roots.has(m.threadRootId) && !oldest.includes(m))];
}

/** Strips expired messages from the events that carried or quoted them. */
export function stripExpired(ids: ReadonlySet<string>, at: string) {
  const gone = expiredContent(at);
  return (e: ConversationEvent): ConversationEvent => {
    if (e.type !== 'MessageAdded' && e.type !== 'MessageUpdated') return e;
    if (ids.has(e.message.id)) return { ...e, message: { ...e.message, ...gone } };
    if (e.message.replyTo && ids.has(e.message.replyTo.id))
      return { ...e, message: { ...e.message, replyTo: { ...e.message.replyTo, ...gone } } };
    return e;
  };
}

/** Removes expired messages, their reactions and hidden marks from the tables (at commit). */
export function removeMessages(db: MessageTables, conversationId: string, ids: ReadonlySet<string>): void {
  if (ids.size === 0) return;
  db.messageIds.set(
    conversationId,
    (db.messageIds.get(conversationId) ?? []).filter((id) => !ids.has(id)),
  );
  for (const id of ids) {
    const m = db.messages.get(id);
    if (m?.senderId && m.clientMessageId) db.idempotency.delete(`${m.senderId}\u0000${m.clientMessageId}`);
    db.messages.delete(id);
    db.reactions.delete(id);
  }
  for (const key of [...db.hidden]) if (ids.has(key.slice(key.indexOf(':') + 1))) db.hidden.delete(key);
}
