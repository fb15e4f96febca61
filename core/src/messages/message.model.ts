import type { UserSnapshot } from '../users/user.model';

/** Kind of message. */
export type MessageKind = 'TEXT' | 'SYSTEM';

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

/** A message as stored from its draft, created at `seq`: not edited, not deleted, without embeds. */
export function messageFromDraft(
  draft: Omit<Message, 'conversationId' | 'seq' | 'createdAt' | 'editedAt' | 'deletedAt' | 'sender' | 'replyTo'>,
  conversationId: string,
  seq: number,
  createdAt: string,
): Message {
  return { ...draft, conversationId, seq, createdAt, editedAt: null, deletedAt: null };
}
