import type { Conversation, ConversationKind, Member, MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import type { Message, MessageKind } from '../messages/message.model';
import type { UserSnapshot } from '../users/user.model';

/** A conversation to create; the store starts it with no events and counts its members itself. */
export interface NewConversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  description: string | null;
  createdAt: string;
  /** For DIRECT conversations, the pair's key: at most one conversation has it. */
  directKey: string | null;
}

/** A member present from a conversation's creation: joined at its creation time, before any event. */
export interface FoundingMember {
  userId: string;
  role: MemberRole;
}

/** A message to append as the next event; the store gives it its seq and time. */
export interface MessageDraft {
  id: string;
  clientMessageId: string | null;
  senderId: string | null;
  kind: MessageKind;
  text: string | null;
  replyToId: string | null;
  /** Embedded in the MessageAdded event, so subscribers need no lookup. */
  sender: UserSnapshot | null;
  /** Embedded in the MessageAdded event (one level deep). */
  replyTo: Message | null;
}

/**
 * Writes to one conversation inside one transaction, holding the conversation's lock: every write
 * made through it commits together or not at all, and event seqs are handed out in commit order.
 */
export interface ConversationTx {
  /** The conversation as of the lock; `lastSeq`, `memberCount` and the rest follow the writes made. */
  readonly conversation: Conversation;
  getMember(userId: string): Promise<Member | null>;
  /** Members among `userIds` (any order). */
  getMembers(userIds: readonly string[]): Promise<Member[]>;
  /** The first member in join order with `role` (any role when null), excluding `exceptUserId`. */
  oldestMember(role: MemberRole | null, exceptUserId: string): Promise<Member | null>;
  findMessage(id: string): Promise<Message | null>;
  /**
   * Stores a message and its MessageAdded event at the next seq. The returned message is as stored
   * (without embeds); the event carries the embeds.
   * @throws DuplicateClientMessageIdError when the sender already used the draft's clientMessageId.
   */
  appendMessage(draft: MessageDraft): Promise<{ message: Message; event: ConversationEvent }>;
  /**
   * Adds a member with a MemberJoined event at the next seq; they have read everything before it.
   * `user` is embedded in the event.
   */
  addMember(
    userId: string,
    role: MemberRole,
    user: UserSnapshot,
  ): Promise<{ member: Member; event: ConversationEvent }>;
  setMemberRole(userId: string, role: MemberRole): Promise<void>;
  /** Removes a member; the caller appends the event that says why. */
  deleteMember(userId: string): Promise<void>;
  updateConversation(patch: { title?: string | null; description?: string | null }): Promise<void>;
  /** Appends any other event at the next seq: `build` gets the seq and time and returns its body. */
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
   * Creates a conversation with its founding members, then runs `fn` on it in the same transaction.
   * For a DIRECT conversation whose `directKey` exists, nothing is written and the existing
   * conversation is returned with `created: false`.
   */
  create<T>(
    conversation: NewConversation,
    members: readonly FoundingMember[],
    fn: (tx: ConversationTx) => Promise<T>,
  ): Promise<{ created: true; conversation: Conversation; result: T } | { created: false; conversation: Conversation }>;
  /** Runs `fn` holding the conversation's lock; resolves to null when the conversation does not exist. */
  write<T>(conversationId: string, fn: (tx: ConversationTx) => Promise<T>): Promise<{ result: T } | null>;

  getConversations(ids: readonly string[]): Promise<Conversation[]>;
  /** Memberships for (conversationId, userId) pairs, any order. */
  getMemberships(pairs: readonly { conversationId: string; userId: string }[]): Promise<Member[]>;
  /** Members in join order (the seq they joined at, founders first; then user id), after the member `afterUserId`. */
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
