import type { UserSnapshot } from '../users/user.model';

/** Who a user is typing to, as published on a conversation's typing channel. */
export interface TypingNotice {
  conversationId: string;
  typing: boolean;
  /** Snapshot of the typist (for starts), so receivers never load it per event. */
  user: UserSnapshot | null;
  userId: string;
  memberCount: number;
}

/** Who is typing in a conversation, as one viewer receives it (never including the viewer). */
export interface TypingEvent {
  conversationId: string;
  /** Up to 5 typists; empty in conversations above the full-list threshold. */
  users: UserSnapshot[];
  count: number;
}
