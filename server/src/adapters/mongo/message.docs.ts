import type {
  Attachment,
  ConversationEvent,
  ForwardInfo,
  GeoLocation,
  Message,
  MessageKind,
  ReactionSummary,
  TextFormat,
} from '@parley/core';
import type { EventDoc, MessageDoc } from './chat.models';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const date = (s: string | null): Date | null => (s === null ? null : new Date(s));

/** Maps a stored message document back to the domain's message. */
export const toMessage = (d: MessageDoc): Message => ({
  id: d._id,
  conversationId: d.conversationId,
  seq: d.seq,
  clientMessageId: d.clientMessageId,
  senderId: d.senderId,
  kind: d.kind as MessageKind,
  text: d.text,
  replyToId: d.replyToId,
  createdAt: d.createdAt.toISOString(),
  editedAt: iso(d.editedAt),
  deletedAt: iso(d.deletedAt),
  format: d.format as TextFormat,
  threadRootId: d.threadRootId,
  forwardedFrom: (d.forwardedFrom ?? null) as ForwardInfo | null,
  mentionIds: d.mentionIds,
  attachments: d.attachments as Attachment[],
  location: (d.location ?? null) as GeoLocation | null,
  reactions: d.reactions as ReactionSummary[],
  thread: (d.thread ?? null) as Message['thread'],
});

/**
 * The document of a message. Reactions keep their counts and first reactors' ids only: who the
 * reactors are is resolved on read, as in the PostgreSQL store.
 */
export const toMessageDoc = (m: Message): MessageDoc => ({
  _id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  clientMessageId: m.clientMessageId,
  senderId: m.senderId,
  kind: m.kind,
  text: m.text,
  replyToId: m.replyToId,
  createdAt: new Date(m.createdAt),
  editedAt: date(m.editedAt),
  deletedAt: date(m.deletedAt),
  format: m.format,
  threadRootId: m.threadRootId,
  forwardedFrom: m.forwardedFrom,
  mentionIds: m.mentionIds,
  attachments: m.attachments,
  location: m.location,
  reactions: m.reactions.map(({ users: _u, ...g }) => g),
  thread: m.thread && m.thread.replyCount > 0 ? m.thread : null,
});

/** The document of an event. */
export const toEventDoc = (e: ConversationEvent): EventDoc => ({
  conversationId: e.conversationId,
  seq: e.seq,
  type: e.type,
  createdAt: new Date(e.createdAt),
  payload: e as unknown as Record<string, unknown>,
});
