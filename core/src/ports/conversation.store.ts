import type { Conversation, ConversationKind, Member, MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import type { Message, MessageContent, ReactionSummary } from '../messages/message.model';
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

/** What a message event carries besides the message, so subscribers need no lookup. */
export interface MessageEmbeds {
  sender: UserSnapshot | null;
  /** The message replied to, one level deep. */
  replyTo: Message | null;
  mentions: UserSnapshot[];
}

/** A message to append as the next event; the store gives it its seq and time. */
export type MessageDraft = MessageContent & MessageEmbeds;

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
  updateConversation(patch: {
    title?: string | null;
    description?: string | null;
    retentionDays?: number | null;
  }): Promise<void>;
  /**
   * Stores what can change of a message (text, format, mentions, forward info, reactions, thread
   * summary, edited and deleted times) and appends a MessageUpdated event carrying it with `embeds`.
   */
  saveMessage(message: Message, embeds: MessageEmbeds): Promise<ConversationEvent>;
  /**
   * Replaces a deleted message's content in the stored events that carried it (its own, and replies
   * quoting it) by the tombstone, so replays no longer hold what was deleted.
   */
  redactEvents(tombstone: Message): Promise<void>;
  /**
   * Deletes up to `limit` messages created before `before`, oldest first, with their reactions and
   * hidden marks, and strips their content from the events that carried them and from quotes of
   * them in replies (see {@link expiredContent}); no event is added. A thread's first message stays
   * while the thread has replies from `before` on; when it goes, its replies go with it.
   * @returns the deleted messages, whose files the caller removes.
   */
  expireMessages(before: string, limit: number): Promise<Message[]>;
  /** Adds (`on`) or removes one user's reaction; false when that changed nothing. */
  setReaction(messageId: string, userId: string, emoji: string, on: boolean): Promise<boolean>;
  /** The message's reactions by emoji in order of first use, with the first reactors of each. */
  reactionSummary(messageId: string): Promise<ReactionSummary[]>;
  /** Removes every reaction of a message (it was deleted). */
  clearReactions(messageId: string): Promise<void>;
  /**
   * Members whose read or delivery markers moved since they were last taken, clearing the mark:
   * a marker that moves while this runs is taken now or by the next call, never lost.
   */
  takeChangedMarks(): Promise<Member[]>;
  /** Records when receipts were last announced (`Conversation.receiptsAnnouncedAt`). */
  receiptsAnnounced(at: string): Promise<void>;
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

/** The reads of messages and markers, which adapters implement apart from the conversation writes. */
export type MessageReads = Pick<
  ConversationStore,
  | 'history'
  | 'unreadCounts'
  | 'markRead'
  | 'markDelivered'
  | 'receiptMarkers'
  | 'setReadReceipts'
  | 'reactionsBy'
  | 'hideMessage'
>;

/** Which messages a history page holds. */
export interface HistoryRange {
  beforeSeq?: number | null;
  afterSeq?: number | null;
  limit: number;
  /** A thread's replies instead of the timeline. */
  threadRootId?: string | null;
  /** Leave out what this user hid. */
  hiddenFor?: string | null;
}

/** A page of history, ascending by seq. */
export interface HistoryPage {
  messages: Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
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
  /**
   * Runs `fn` holding the conversation's lock; resolves to null when the conversation does not exist.
   * `actorId`: the user making the write, whose membership `fn` reads; an adapter may read it with
   * the lock, so that `tx.getMember(actorId)` costs no round trip of its own.
   * An adapter may run `fn` again after rolling back a transaction that held other writes too (what
   * the earlier run wrote is then undone): `fn` changes nothing but through `tx` and its result. A
   * run that failed is run again only where writes before it that were rolled back may have caused
   * its failure; otherwise its error is the write’s outcome, told once those writes committed.
   */
  write<T>(
    conversationId: string,
    fn: (tx: ConversationTx) => Promise<T>,
    actorId?: string,
  ): Promise<{ result: T } | null>;

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
  /**
   * Conversations whose messages expire, by id after `afterId`: each with the shorter of its own
   * retention and `serverDays` (either may be null: not set).
   */
  retentionPage(
    serverDays: number | null,
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; days: number }[]>;

  getMessages(ids: readonly string[]): Promise<Message[]>;
  findByClientMessageId(senderId: string, clientMessageId: string): Promise<Message | null>;
  /**
   * Messages ascending by seq: the newest `limit` below `beforeSeq`, or the oldest above `afterSeq`.
   * Without `threadRootId` the conversation's own timeline (thread replies left out), with it that
   * thread's replies; messages `hiddenFor` that user are left out.
   */
  history(conversationId: string, range: HistoryRange): Promise<HistoryPage>;
  /** Stored events with `seq > afterSeq`, ascending, at most `limit`. */
  eventsAfter(conversationId: string, afterSeq: number, limit: number): Promise<ConversationEvent[]>;
  /** The seq of the user's first MemberLeft in `(afterSeq, upToSeq]`, or null when there is none. */
  memberLeftSeq(conversationId: string, userId: string, afterSeq: number, upToSeq: number): Promise<number | null>;
  /**
   * Per conversation, the TEXT messages from others above the member's lastReadSeq, not deleted, not
   * hidden for them and not in a thread; and how many of those mention them.
   */
  unreadCounts(
    userId: string,
    conversationIds: readonly string[],
  ): Promise<Map<string, { messages: number; mentions: number }>>;
  /**
   * Raises the member's lastReadSeq (and lastDeliveredSeq) to `seq`, never lowering them; a member
   * whose markers move is marked for {@link ConversationTx.takeChangedMarks}.
   * @returns the member, or null when not a member; `tooHigh` when seq is above lastSeq.
   */
  markRead(conversationId: string, userId: string, seq: number): Promise<Member | 'tooHigh' | null>;
  /** As {@link markRead}, for lastDeliveredSeq only. */
  markDelivered(conversationId: string, userId: string, seq: number): Promise<Member | 'tooHigh' | null>;
  /** Every member in join order, for receipts: one query however many members. */
  receiptMarkers(conversationId: string): Promise<Member[]>;
  /** Sets a user's read-receipt setting on all their memberships (the user's setting is the source). */
  setReadReceipts(userId: string, on: boolean): Promise<void>;
  /** The emoji `userId` reacted with, per message among `messageIds` (only those with reactions). */
  reactionsBy(userId: string, messageIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Hides a message from one member's history and unread count. */
  hideMessage(userId: string, message: Pick<Message, 'id' | 'conversationId'>): Promise<void>;
}
