import type { Message } from '../messages/message.model';

/** A search as the index runs it: the words, already checked, and the viewer whose messages it may see. */
export interface MessageSearchQuery {
  viewerId: string;
  /** Web-search syntax: words, "quoted phrases", -excluded, `or`. */
  query: string;
  /** A last word matched as a prefix (results while typing), if the query ends with one. */
  prefix: string | null;
  /** Whether the prefix is an alternative to the rest of the query (`… or wor`) rather than required too. */
  prefixOr: boolean;
  conversationId: string | null;
  senderId: string | null;
  since: Date | null;
  until: Date | null;
  first: number;
  /** The position after which this page starts, from the previous page's `endCursor`. */
  after: SearchCursor | null;
}

/** Where a page of results ends: rank, then time, then id, all descending. */
export interface SearchCursor {
  rank: number;
  createdAt: string;
  id: string;
}

/** One match with its highlighted snippet (matches between « and »). */
export interface MessageSearchHit {
  message: Message;
  snippet: string;
  cursor: SearchCursor;
}

/**
 * Full-text search over messages, private by construction: only conversations the viewer is a
 * member of now, never deleted messages or ones the viewer hid, in one statement.
 */
export interface MessageSearchIndex {
  /**
   * The best matches after `after`, `first + 1` at most (the extra one tells whether more follow);
   * null when the query holds no searchable word.
   */
  search(q: MessageSearchQuery): Promise<MessageSearchHit[] | null>;
}
