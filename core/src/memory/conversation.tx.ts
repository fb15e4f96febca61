import { joinedMember, type Conversation, type Member, type MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import { messageFromDraft, storedMessage, type Message } from '../messages/message.model';
import { DuplicateClientMessageIdError, type ConversationTx } from '../ports/conversation.store';
import { expiringMessages, removeMessages, stripExpired } from './message.expiry';
import { summarize, type Reaction } from './reactions';

/** The memory conversation store's data. */
export interface MemoryTables {
  conversations: Map<string, Conversation>;
  directKeys: Map<string, string>;
  members: Map<string, Map<string, Member>>;
  messages: Map<string, Message>;
  /** Message ids of each conversation in seq order. */
  messageIds: Map<string, string[]>;
  /** Message id by `idemKey(senderId, clientMessageId)`. */
  idempotency: Map<string, string>;
  events: Map<string, ConversationEvent[]>;
  /** Reactions by message id, in the order they were made. */
  reactions: Map<string, Reaction[]>;
  /** `${userId}:${messageId}` of messages hidden for a user. */
  hidden: Set<string>;
  /**
   * Members whose markers moved since they were last taken, by `${conversationId}:${userId}`, with a
   * count of the moves so a move during a taking write is not cleared by it.
   */
  marksPending: Map<string, number>;
  /** Users who turned read receipts off, for the members they become. */
  readReceiptsOff: Set<string>;
}

/** Empty tables. */
export const emptyTables = (): MemoryTables => ({
  conversations: new Map(),
  directKeys: new Map(),
  members: new Map(),
  messages: new Map(),
  messageIds: new Map(),
  idempotency: new Map(),
  events: new Map(),
  reactions: new Map(),
  hidden: new Set(),
  marksPending: new Map(),
  readReceiptsOff: new Set(),
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
  const messageOverlay = new Map<string, Message>();
  const newMessageIds: string[] = [];
  const reactionOverlay = new Map<string, Reaction[]>();
  const newEvents: ConversationEvent[] = [];
  const takenMarks = new Map<string, number>();
  const redactions: ((e: ConversationEvent) => ConversationEvent)[] = [];
  const expired = new Set<string>();
  const current = () => db.members.get(state.id) ?? new Map<string, Member>();
  const view = (userId: string): Member | null => {
    if (memberOverlay.has(userId)) return memberOverlay.get(userId) ?? null;
    return current().get(userId) ?? null;
  };
  const allMembers = (): Member[] => {
    const ids = new Set([...current().keys(), ...memberOverlay.keys()]);
    return [...ids].map(view).filter((m): m is Member => m !== null);
  };
  const message = (id: string) => messageOverlay.get(id) ?? db.messages.get(id);
  const reactionsOf = (id: string) => reactionOverlay.get(id) ?? db.reactions.get(id) ?? [];
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
  const clashes = (senderId: string, clientMessageId: string) =>
    db.idempotency.has(idemKey(senderId, clientMessageId)) ||
    newMessageIds.some((id) => {
      const m = messageOverlay.get(id);
      return m?.senderId === senderId && m.clientMessageId === clientMessageId;
    });

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
    findMessage: async (id) => clone(message(id) ?? null),
    async appendMessage(draft) {
      const { sender, replyTo, mentions, ...content } = draft;
      if (content.senderId && content.clientMessageId && clashes(content.senderId, content.clientMessageId)) {
        throw new DuplicateClientMessageIdError();
      }
      const { seq, createdAt } = next();
      const stored = messageFromDraft(content, state.id, seq, createdAt);
      const event = record({
        type: 'MessageAdded',
        message: { ...stored, sender, replyTo, mentions },
        conversationId: state.id,
        seq,
        createdAt,
      });
      messageOverlay.set(stored.id, clone(stored));
      newMessageIds.push(stored.id);
      // A thread reply stays in its thread; the conversation's preview is its timeline's last message.
      if (!stored.threadRootId) state.lastMessageId = stored.id;
      return { message: clone(stored), event };
    },
    async saveMessage(m, embeds) {
      const before = message(m.id);
      if (!before || before.conversationId !== state.id) throw new Error(`no message ${m.id} in this conversation`);
      // Only what may change of a message is taken; the rest stays as it was created.
      const saved: Message = {
        ...before,
        text: m.text,
        format: m.format,
        mentionIds: [...m.mentionIds],
        forwardedFrom: clone(m.forwardedFrom),
        attachments: clone(m.attachments),
        location: clone(m.location),
        reactions: m.reactions.map(({ users: _u, ...g }) => clone(g)),
        thread: m.thread && {
          replyCount: m.thread.replyCount,
          lastReplyAt: m.thread.lastReplyAt,
          participantIds: [...m.thread.participantIds],
        },
        editedAt: m.editedAt,
        deletedAt: m.deletedAt,
      };
      messageOverlay.set(saved.id, saved);
      return append(() => ({
        type: 'MessageUpdated',
        message: { ...clone(saved), reactions: clone(m.reactions), thread: clone(m.thread), ...clone(embeds) },
      }));
    },
    async redactEvents(tombstone) {
      // Earlier events carried the message's content, as itself or as what a reply quoted.
      const redact = (e: ConversationEvent): ConversationEvent => {
        if (e.type !== 'MessageAdded' && e.type !== 'MessageUpdated') return e;
        if (e.message.id === tombstone.id)
          return { ...e, message: { ...e.message, ...storedMessage(tombstone), mentions: [] } };
        if (e.message.replyTo?.id === tombstone.id)
          return { ...e, message: { ...e.message, replyTo: clone(tombstone) } };
        return e;
      };
      redactions.push(redact);
    },
    async expireMessages(before, limit) {
      const doomed = expiringMessages(db, state.id, before, limit).filter((m) => !expired.has(m.id));
      const ids = new Set(doomed.map((m) => m.id));
      for (const id of ids) expired.add(id);
      redactions.push(stripExpired(ids, new Date().toISOString()));
      return clone(doomed);
    },
    async setReaction(messageId, userId, emoji, on) {
      const list = reactionsOf(messageId);
      const has = list.some((r) => r.userId === userId && r.emoji === emoji);
      if (has === on) return false;
      reactionOverlay.set(
        messageId,
        on ? [...list, { emoji, userId }] : list.filter((r) => !(r.userId === userId && r.emoji === emoji)),
      );
      return true;
    },
    reactionSummary: async (messageId) => summarize(reactionsOf(messageId)),
    async clearReactions(messageId) {
      reactionOverlay.set(messageId, []);
    },
    async takeChangedMarks() {
      const taken = [...current().values()].filter((m) => db.marksPending.has(`${state.id}:${m.userId}`));
      for (const m of taken) takenMarks.set(`${state.id}:${m.userId}`, db.marksPending.get(`${state.id}:${m.userId}`)!);
      return taken.sort((a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId)).map(clone);
    },
    async receiptsAnnounced(at) {
      state.receiptsAnnouncedAt = at;
    },
    async addMember(userId, role, user) {
      const { seq, createdAt } = next();
      const member = joinedMember(state.id, userId, role, seq, createdAt, !db.readReceiptsOff.has(userId));
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
      if (patch.retentionDays !== undefined) state.retentionDays = patch.retentionDays;
    },
    appendEvent: async (build) => append(build),
  };

  const commit = () => {
    for (const id of newMessageIds) {
      const m = messageOverlay.get(id)!;
      if (m.senderId && m.clientMessageId && db.idempotency.has(idemKey(m.senderId, m.clientMessageId))) {
        throw new DuplicateClientMessageIdError();
      }
    }
    db.conversations.set(state.id, clone(state));
    commitMembers();
    const ids = db.messageIds.get(state.id) ?? [];
    for (const [id, m] of messageOverlay) db.messages.set(id, storedMessage(m));
    for (const id of newMessageIds) {
      ids.push(id);
      const m = messageOverlay.get(id)!;
      if (m.senderId && m.clientMessageId) db.idempotency.set(idemKey(m.senderId, m.clientMessageId), m.id);
    }
    db.messageIds.set(state.id, ids);
    for (const [id, list] of reactionOverlay) db.reactions.set(id, list);
    removeMessages(db, state.id, expired);
    // A marker that moved again after it was taken stays pending.
    for (const [key, moves] of takenMarks) if (db.marksPending.get(key) === moves) db.marksPending.delete(key);
    const stored = redactions.reduce((list, r) => list.map(r), db.events.get(state.id) ?? []);
    db.events.set(state.id, [...stored, ...newEvents]);
  };

  function commitMembers(): void {
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
  }

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
      readReceipts: !db.readReceiptsOff.has(userId),
    });
  return { tx, commit, found };
}
