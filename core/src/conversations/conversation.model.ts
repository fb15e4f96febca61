/**
 * The conversation model. Timestamps are ISO-8601 strings so the same objects are stored as event
 * payloads, sent over pub/sub and served to clients without conversion.
 */
import type { UserSnapshot } from '../users/user.model';

/** Kind of conversation. */
export type ConversationKind = 'DIRECT' | 'GROUP';
/** A member's role in a conversation. */
export type MemberRole = 'OWNER' | 'ADMIN' | 'MEMBER';

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
  /** Days after which the group's messages are deleted, set by its owner; null: the server's default. */
  retentionDays: number | null;
  /** Read and delivery markers that moved after this were not announced yet (ReceiptsUpdated). */
  receiptsAnnouncedAt: string;
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
  /** The user's read-receipt setting: when false their reads count for nobody. */
  readReceipts: boolean;
  /** Present in events; loaded on demand otherwise. */
  user?: UserSnapshot;
}

/** A member who joins at `seq`: they have read and received everything before it. */
export const joinedMember = (
  conversationId: string,
  userId: string,
  role: MemberRole,
  seq: number,
  joinedAt: string,
  readReceipts: boolean,
): Member => ({
  conversationId,
  userId,
  role,
  joinedAt,
  joinedSeq: seq,
  lastReadSeq: seq - 1,
  lastDeliveredSeq: seq - 1,
  readReceipts,
});
