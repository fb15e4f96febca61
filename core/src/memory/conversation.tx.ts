import { joinedMember, type Conversation, type Member, type MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import { messageFromDraft, type Message } from '../messages/message.model';
import { DuplicateClientMessageIdError, type ConversationTx } from '../ports/conversation.store';

/** The memory conversation store's data. */
export interface MemoryTables {
  conversations: Map<string, Conversation>;
  directKeys: Map<string, string>;
  members: Map<string, Map<string, Member>>;
  messages: Map<string, Message>;
  messagesByConv: Map<string, Message[]>;
  /** Message id by `idemKey(senderId, clientMessageId)`. */
  idempotency: Map<string, string>;
  events: Map<string, ConversationEvent[]>;
}

/** Empty tables. */
export const emptyTables = (): MemoryTables => ({
  conversations: new Map(),
  directKeys: new Map(),
  members: new Map(),
  messages: new Map(),
  messagesByConv: new Map(),
  idempotency: new Map(),
  events: new Map(),
});

/** A structured copy, so callers never share objects with the tables. */
export const clone = <T>(v: T): T => structuredClone(v);
/** The idempotency index key. */
export const idemKey = (senderId: string, clientMessageId: string) => `${senderId}\u0000${clientMessageId}`;

/**
 * One write transaction on a locked conversation: changes are staged on top of the tables and
 * applied in one synchronous step by `commit`, so readers never see half a transaction.
 */
export function stageWrite(db: MemoryTables, base: Conversation) {
  const state = clone(base);
  const memberOverlay = new Map<string, Member | null>();
  const newMessages: Message[] = [];
  const newEvents: ConversationEvent[] = [];
  const current = () => db.members.get(state.id) ?? new Map<string, Member>();
  const view = (userId: string): Member | null => {
    if (memberOverlay.has(userId)) return memberOverlay.get(userId) ?? null;
    return current().get(userId) ?? null;
  };
  const allMembers = (): Member[] => {
    const ids = new Set([...current().keys(), ...memberOverlay.keys()]);
    return [...ids].map(view).filter((m): m is Member => m !== null);
  };
  const next = () => ({ seq: state.lastSeq + 1, createdAt: new Date().toISOString() });
  const record = (event: ConversationEvent): ConversationEvent => {
    newEvents.push(clone(event));
    state.lastSeq = event.seq;
    state.lastActivityAt = event.createdAt;
    return event;
  };
  const append = (build: (seq: number, createdAt: string) => ConversationEventBody): ConversationEvent => {
    const { seq, createdAt } = next();
    return record({ ...build(seq, createdAt), conversationId: state.id, seq, createdAt } as ConversationEvent);
  };
  const tx: ConversationTx = {
    get conversation() {
      return state;
    },
    getMember: async (userId) => clone(view(userId)),
    getMembers: async (userIds) =>
      userIds
        .map(view)
        .filter((m): m is Member => m !== null)
        .map(clone),
    async oldestMember(role, exceptUserId) {
      const found = allMembers()
        .filter((m) => m.userId !== exceptUserId && (role === null || m.role === role))
        .sort((a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId))[0];
      return found ? clone(found) : null;
    },
    findMessage: async (id) => clone(db.messages.get(id) ?? newMessages.find((m) => m.id === id) ?? null),
    async appendMessage(draft) {
      const { sender, replyTo, ...row } = draft;
      if (row.senderId && row.clientMessageId) {
        const key = idemKey(row.senderId, row.clientMessageId);
        if (
          db.idempotency.has(key) ||
          newMessages.some((n) => n.senderId === row.senderId && n.clientMessageId === row.clientMessageId)
        ) {
          throw new DuplicateClientMessageIdError();
        }
      }
      const { seq, createdAt } = next();
      const message = messageFromDraft(row, state.id, seq, createdAt);
      const event = record({
        type: 'MessageAdded',
        message: { ...message, sender, replyTo },
        conversationId: state.id,
        seq,
        createdAt,
      });
      newMessages.push(clone(message));
      state.lastMessageId = message.id;
      return { message: clone(message), event };
    },
    async addMember(userId, role, user) {
      const { seq, createdAt } = next();
      const member = joinedMember(state.id, userId, role, seq, createdAt);
      const event = record({
        type: 'MemberJoined',
        member: { ...member, user },
        conversationId: state.id,
        seq,
        createdAt,
      });
      if (!view(userId)) state.memberCount++;
      memberOverlay.set(userId, clone(member));
      return { member: clone(member), event };
    },
    async setMemberRole(userId, role) {
      const m = view(userId);
      if (m) memberOverlay.set(userId, { ...m, role });
    },
    async deleteMember(userId) {
      if (view(userId)) state.memberCount--;
      memberOverlay.set(userId, null);
    },
    async updateConversation(patch) {
      if (patch.title !== undefined) state.title = patch.title;
      if (patch.description !== undefined) state.description = patch.description;
    },
    appendEvent: async (build) => append(build),
  };
  const commit = () => {
    for (const m of newMessages) {
      if (m.senderId && m.clientMessageId && db.idempotency.has(idemKey(m.senderId, m.clientMessageId))) {
        throw new DuplicateClientMessageIdError();
      }
    }
    db.conversations.set(state.id, clone(state));
    const map = db.members.get(state.id) ?? new Map<string, Member>();
    for (const [userId, m] of memberOverlay) {
      const current = map.get(userId);
      // Read markers move outside transactions (markRead); a staged copy must not move them back.
      if (m && current) {
        map.set(userId, {
          ...clone(m),
          lastReadSeq: Math.max(m.lastReadSeq, current.lastReadSeq),
          lastDeliveredSeq: Math.max(m.lastDeliveredSeq, current.lastDeliveredSeq),
        });
      } else if (m) map.set(userId, clone(m));
      else map.delete(userId);
    }
    db.members.set(state.id, map);
    const list = db.messagesByConv.get(state.id) ?? [];
    for (const m of newMessages) {
      db.messages.set(m.id, m);
      list.push(m);
      if (m.senderId && m.clientMessageId) db.idempotency.set(idemKey(m.senderId, m.clientMessageId), m.id);
    }
    db.messagesByConv.set(state.id, list);
    db.events.set(state.id, [...(db.events.get(state.id) ?? []), ...newEvents]);
  };
  /** A founding member: joined at creation, before any event. */
  const found = (userId: string, role: MemberRole) =>
    memberOverlay.set(userId, {
      conversationId: state.id,
      userId,
      role,
      joinedAt: state.createdAt,
      joinedSeq: 0,
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
    });
  return { tx, commit, found };
}
