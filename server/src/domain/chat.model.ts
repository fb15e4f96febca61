/**
 * The messaging model. Timestamps are ISO-8601 strings so the same objects are stored as event
 * payloads, sent over pub/sub and served to clients without conversion.
 */

/** Kind of conversation. */
export type ConversationKind = 'DIRECT' | 'GROUP';
/** A member's role in a conversation. */
export type MemberRole = 'OWNER' | 'ADMIN' | 'MEMBER';
/** Kind of message. */
export type MessageKind = 'TEXT' | 'SYSTEM';

/** A user as embedded in events, so subscribers need no lookup. */
export interface UserSnapshot {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: string;
}

/** A conversation's shared state. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  description: string | null;
  createdAt: string;
  lastSeq: number;
  lastActivityAt: string;
  lastMessageId: string | null;
  memberCount: number;
}

/** One user's membership of a conversation. */
export interface Member {
  conversationId: string;
  userId: string;
  role: MemberRole;
  joinedAt: string;
  joinedSeq: number;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  /** Present in events; loaded on demand otherwise. */
  user?: UserSnapshot;
}

/** A message; `seq` is the conversation event seq at which it was created. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientMessageId: string | null;
  senderId: string | null;
  kind: MessageKind;
  text: string | null;
  replyToId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Present in events; loaded on demand otherwise. */
  sender?: UserSnapshot | null;
  /** Present in events (one level deep); loaded on demand otherwise. */
  replyTo?: Message | null;
}

/** What happened at one seq of a conversation, with everything a subscriber needs to render it. */
export type ConversationEventBody =
  | { type: 'MessageAdded'; message: Message }
  | { type: 'MessageUpdated'; message: Message }
  | { type: 'MemberJoined'; member: Member }
  | { type: 'MemberUpdated'; member: Member }
  | { type: 'MemberLeft'; userId: string; user: UserSnapshot | null }
  | { type: 'ConversationUpdated'; conversation: Conversation };

/** A durable change of a conversation at `seq`. */
export type ConversationEvent = ConversationEventBody & { conversationId: string; seq: number; createdAt: string };
