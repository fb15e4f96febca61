import type { Conversation, Member, MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import type { Message } from '../messages/message.model';

/**
 * Writes to one conversation inside one transaction, holding the conversation's lock: every write
 * made through it commits together or not at all, and event seqs are handed out in commit order.
 */
export interface ConversationTx {
  /** The conversation as of the lock; `lastSeq` advances as events are appended. */
  readonly conversation: Conversation;
  getMember(userId: string): Promise<Member | null>;
  /** Members among `userIds` (any order). */
  getMembers(userIds: readonly string[]): Promise<Member[]>;
  /** The oldest member with `role`, excluding `exceptUserId`, for ownership hand-over. */
  oldestMember(role: MemberRole | null, exceptUserId: string): Promise<Member | null>;
  findMessage(id: string): Promise<Message | null>;
  /** The sender's message with this idempotency key, in any conversation. */
  findByClientMessageId(senderId: string, clientMessageId: string): Promise<Message | null>;
  insertMembers(members: readonly Member[]): Promise<void>;
  setMemberRole(userId: string, role: MemberRole): Promise<void>;
  deleteMember(userId: string): Promise<void>;
  /** Stores a message; a clash on `(senderId, clientMessageId)` throws {@link DuplicateClientMessageIdError}. */
  insertMessage(message: Message): Promise<void>;
  updateConversation(patch: { title?: string | null; description?: string | null }): Promise<void>;
  /** Allocates the next seq, stores the event built for it and returns the event. */
  appendEvent(build: (seq: number, createdAt: string) => ConversationEventBody): Promise<ConversationEvent>;
}

/** Raised when a sender reuses a clientMessageId that another transaction stored first. */
export class DuplicateClientMessageIdError extends Error {
  override name = 'DuplicateClientMessageIdError';
}

/** Raised by {@link ConversationStore.listConversations} for a malformed cursor. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** A page of a user's conversations. */
export interface ConversationPageResult {
  conversations: Conversation[];
  nextCursor: string | null;
}

/** Persistence of conversations, members, messages and the event log. */
export interface ConversationStore {
  /**
   * Creates a conversation with its initial members (their `joinedSeq` is 0), then runs `fn` in the
   * same transaction. For a DIRECT conversation with a `directKey` that exists, nothing is written
   * and the existing conversation is returned with `created: false`.
   */
  create<T>(
    conversation: Conversation & { directKey: string | null },
    members: readonly Member[],
    fn: (tx: ConversationTx) => Promise<T>,
  ): Promise<{ created: true; conversation: Conversation; result: T } | { created: false; conversation: Conversation }>;
  /** Runs `fn` holding the conversation's lock; resolves to null when the conversation does not exist. */
  write<T>(conversationId: string, fn: (tx: ConversationTx) => Promise<T>): Promise<{ result: T } | null>;

  getConversations(ids: readonly string[]): Promise<Conversation[]>;
  /** Memberships for (conversationId, userId) pairs, any order. */
  getMemberships(pairs: readonly { conversationId: string; userId: string }[]): Promise<Member[]>;
  /** Members by join order (`joinedAt`, then user id), after the member `afterUserId`. */
  listMembers(conversationId: string, first: number, afterUserId: string | null): Promise<Member[]>;
  /**
   * A user's conversations, newest activity first; `cursor` comes from a previous page.
   * @throws InvalidCursorError when `cursor` is malformed.
   */
  listConversations(userId: string, first: number, cursor: string | null): Promise<ConversationPageResult>;
  /** Ids of every conversation the user belongs to. */
  conversationIdsOf(userId: string): Promise<string[]>;

  getMessages(ids: readonly string[]): Promise<Message[]>;
  findByClientMessageId(senderId: string, clientMessageId: string): Promise<Message | null>;
  /** Messages ascending by seq: the newest `limit` below `beforeSeq`, or the oldest above `afterSeq`. */
  history(
    conversationId: string,
    range: { beforeSeq?: number | null; afterSeq?: number | null; limit: number },
  ): Promise<{ messages: Message[]; hasMoreBefore: boolean; hasMoreAfter: boolean }>;
  /** Stored events with `seq > afterSeq`, ascending, at most `limit`. */
  eventsAfter(conversationId: string, afterSeq: number, limit: number): Promise<ConversationEvent[]>;
  /** Messages from others with seq above the member's lastReadSeq, per conversation. */
  unreadCounts(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Raises the member's lastReadSeq (and lastDeliveredSeq) to `seq`, never lowering it.
   * @returns the member, or null when not a member; `tooHigh` when seq is above lastSeq.
   */
  markRead(conversationId: string, userId: string, seq: number): Promise<Member | 'tooHigh' | null>;
}
