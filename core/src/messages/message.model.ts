import type { Attachment, GeoLocation } from '../attachments/attachment.model';
import type { UserSnapshot } from '../users/user.model';

/** Kind of message. */
export type MessageKind = 'TEXT' | 'SYSTEM' | 'MEDIA' | 'LOCATION';
/** How a message's text is meant to be rendered. */
export type TextFormat = 'PLAIN' | 'MARKDOWN';

/** Where a forwarded copy came from; the original sender by name only, never by id. */
export interface ForwardInfo {
  originalSenderName: string;
  originalSentAt: string;
}

/** One emoji's reactions on a message: how many, and the first reactors in the order they reacted. */
export interface ReactionSummary {
  emoji: string;
  count: number;
  /** The first {@link REACTORS_LISTED} reactors; all of them when `count` is not larger. */
  userIds: string[];
  /** In events: snapshots of the first {@link REACTORS_SHOWN} reactors, so subscribers need no lookup. */
  users?: UserSnapshot[];
}

/** Reactors an event carries snapshots of, per emoji. */
export const REACTORS_SHOWN = 10;

/** Reactors listed per emoji in a message's summary. */
export const REACTORS_LISTED = 50;

/** The replies to a thread root. */
export interface ThreadSummary {
  replyCount: number;
  lastReplyAt: string | null;
  /** Distinct repliers in the order they first replied, at most 5. */
  participantIds: string[];
  /** In events: snapshots of the participants, so subscribers need no lookup. */
  participants?: UserSnapshot[];
}

/** A message; `seq` is the conversation event seq at which it was created. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientMessageId: string | null;
  senderId: string | null;
  kind: MessageKind;
  /** The source text as written (Markdown source when `format` is MARKDOWN); null once deleted. */
  text: string | null;
  format: TextFormat;
  replyToId: string | null;
  /** Set on a reply in a thread: the thread's root, in the same conversation. */
  threadRootId: string | null;
  forwardedFrom: ForwardInfo | null;
  /** Members mentioned with @username, in order of first mention. */
  mentionIds: string[];
  /** On a MEDIA message, in the order sent; emptied when it is deleted for everyone. */
  attachments: Attachment[];
  /** On a LOCATION message; null once deleted. */
  location: GeoLocation | null;
  reactions: ReactionSummary[];
  /** On a thread root; null on a message nobody replied to in a thread. */
  thread: ThreadSummary | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Present in events; loaded on demand otherwise. */
  sender?: UserSnapshot | null;
  /** Present in events (one level deep); loaded on demand otherwise. */
  replyTo?: Message | null;
  /** Present in events; loaded on demand otherwise. */
  mentions?: UserSnapshot[];
}

/** What a message's author chose; the store gives it its seq and time. */
export type MessageContent = Pick<
  Message,
  | 'id'
  | 'clientMessageId'
  | 'senderId'
  | 'kind'
  | 'text'
  | 'format'
  | 'replyToId'
  | 'threadRootId'
  | 'forwardedFrom'
  | 'mentionIds'
  | 'attachments'
  | 'location'
>;

/** A message as stored from its content, created at `seq`: not edited, not deleted, no reactions yet. */
export function messageFromDraft(
  content: MessageContent,
  conversationId: string,
  seq: number,
  createdAt: string,
): Message {
  return { ...content, conversationId, seq, createdAt, reactions: [], thread: null, editedAt: null, deletedAt: null };
}

/** A message without the embeds events carry, as stored. */
export function storedMessage(m: Message): Message {
  const { sender: _s, replyTo: _r, mentions: _m, ...row } = m;
  return row;
}

/**
 * What an expired message's copies in stored events (and quotes of it in replies) keep: no content,
 * and `deletedAt`, so a client replaying old events shows it as deleted.
 */
export function expiredContent(deletedAt: string): Pick<
  Message,
  'text' | 'format' | 'mentionIds' | 'reactions' | 'forwardedFrom' | 'attachments' | 'location'
> & {
  mentions: UserSnapshot[];
  deletedAt: string;
} {
  return {
    text: null,
    format: 'PLAIN',
    mentionIds: [],
    mentions: [],
    reactions: [],
    forwardedFrom: null,
    attachments: [],
    location: null,
    deletedAt,
  };
}
