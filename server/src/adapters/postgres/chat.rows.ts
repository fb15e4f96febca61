import type {
  Attachment,
  Conversation,
  ConversationEvent,
  ForwardInfo,
  GeoLocation,
  Member,
  MemberRole,
  Message,
  MessageKind,
  ReactionSummary,
  TextFormat,
} from '@parley/core';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Row of `conversations`. */
export interface ConversationRow {
  id: string;
  kind: 'DIRECT' | 'GROUP';
  title: string | null;
  description: string | null;
  created_at: Date;
  last_seq: number;
  last_activity_at: Date;
  last_message_id: string | null;
  member_count: number;
  retention_days: number | null;
  receipts_announced_at: Date;
}

/** Maps a `conversations` row. */
export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  createdAt: r.created_at.toISOString(),
  lastSeq: r.last_seq,
  lastActivityAt: r.last_activity_at.toISOString(),
  lastMessageId: r.last_message_id,
  memberCount: r.member_count,
  retentionDays: r.retention_days,
  receiptsAnnouncedAt: r.receipts_announced_at.toISOString(),
});

/** Row of `members`. */
export interface MemberRow {
  conversation_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: Date;
  joined_seq: number;
  last_read_seq: number;
  last_delivered_seq: number;
  read_receipts: boolean;
}

/** Maps a `members` row. */
export const toMember = (r: MemberRow): Member => ({
  conversationId: r.conversation_id,
  userId: r.user_id,
  role: r.role,
  joinedAt: r.joined_at.toISOString(),
  joinedSeq: r.joined_seq,
  lastReadSeq: r.last_read_seq,
  lastDeliveredSeq: r.last_delivered_seq,
  readReceipts: r.read_receipts,
});

/** Row of `messages`. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_message_id: string | null;
  sender_id: string | null;
  kind: MessageKind;
  text: string | null;
  reply_to_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  format: TextFormat;
  thread_root_id: string | null;
  forwarded_from: ForwardInfo | null;
  mention_ids: string[];
  attachments: Attachment[];
  location: GeoLocation | null;
  reactions: ReactionSummary[];
  thread_reply_count: number;
  thread_last_reply_at: Date | null;
  thread_participant_ids: string[];
}

/** Maps a `messages` row. */
export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  clientMessageId: r.client_message_id,
  senderId: r.sender_id,
  kind: r.kind,
  text: r.text,
  replyToId: r.reply_to_id,
  createdAt: r.created_at.toISOString(),
  editedAt: iso(r.edited_at),
  deletedAt: iso(r.deleted_at),
  format: r.format,
  threadRootId: r.thread_root_id,
  forwardedFrom: r.forwarded_from,
  mentionIds: r.mention_ids,
  attachments: r.attachments,
  location: r.location,
  reactions: r.reactions,
  thread:
    r.thread_reply_count > 0
      ? {
          replyCount: r.thread_reply_count,
          lastReplyAt: iso(r.thread_last_reply_at),
          participantIds: r.thread_participant_ids,
        }
      : null,
});

/** Row of `conversation_events`. */
export interface EventRow {
  conversation_id: string;
  seq: number;
  payload: ConversationEvent;
}

export const CONVERSATION_COLUMNS =
  'id, kind, title, description, created_at, last_seq, last_activity_at, last_message_id, member_count, retention_days, receipts_announced_at';
export const MEMBER_COLUMNS =
  'conversation_id, user_id, role, joined_at, joined_seq, last_read_seq, last_delivered_seq, read_receipts';
/** The columns a message is created with, in the order of its INSERT parameters. */
export const MESSAGE_INSERT_COLUMNS =
  'id, conversation_id, seq, client_message_id, sender_id, kind, text, reply_to_id, created_at, format, thread_root_id, forwarded_from, mention_ids, attachments, location';
export const MESSAGE_COLUMNS = `${MESSAGE_INSERT_COLUMNS}, edited_at, deleted_at, reactions, thread_reply_count, thread_last_reply_at, thread_participant_ids`;
