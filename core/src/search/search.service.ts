import type { MessageSearchHit, MessageSearchIndex, SearchCursor } from '../ports/message-search';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';
import { NotFoundError, ValidationError } from '../shared/errors';

/** Longest query, in code points. */
export const MAX_QUERY_LENGTH = 200;
/** Largest page. */
export const MAX_SEARCH_PAGE = 50;

/** What `searchMessages` takes. */
export interface SearchInput {
  query: string;
  conversationId?: string | null;
  senderId?: string | null;
  since?: Date | null;
  until?: Date | null;
  first: number;
  after?: string | null;
}

/** A page of results. */
export interface SearchPage {
  hits: { message: MessageSearchHit['message']; snippet: string }[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const encode = (c: SearchCursor) => Buffer.from(JSON.stringify([c.rank, c.createdAt, c.id])).toString('base64url');

function decode(cursor: string): SearchCursor | null {
  try {
    const [rank, createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof rank !== 'number' || typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
    return typeof id === 'string' && isId(id) ? { rank, createdAt, id } : null;
  } catch {
    return null;
  }
}

// The last word, when the query ends in one of 3 letters or more that is not quoted, excluded or an
// operator: matched as a prefix so that results appear while typing (a shorter one would match too
// much to be useful). Only letters and digits reach the index.
const LAST_WORD = /(?:^|\s)([\p{L}\p{N}]{3,})$/u;

/** Message search for the viewer: validated, paged with opaque cursors, private by the index's construction. */
export function createSearchService(d: { index?: MessageSearchIndex | undefined }) {
  return {
    async search(viewerId: string, input: SearchInput): Promise<SearchPage> {
      const errors = new FieldErrors();
      const query = input.query.trim();
      errors.check(query.length === 0, 'query', 'must not be empty');
      errors.check(
        codePointLength(query) > MAX_QUERY_LENGTH,
        'query',
        `must be at most ${MAX_QUERY_LENGTH} characters`,
      );
      errors.check(hasForbiddenChars(query) || /[\n\t]/.test(query), 'query', 'must not contain control characters');
      errors.check(
        !Number.isInteger(input.first) || input.first < 1 || input.first > MAX_SEARCH_PAGE,
        'first',
        `must be between 1 and ${MAX_SEARCH_PAGE}`,
      );
      errors.check(!!input.conversationId && !isId(input.conversationId), 'conversationId', 'must be a valid ID');
      errors.check(!!input.senderId && !isId(input.senderId), 'senderId', 'must be a valid ID');
      const after = input.after ? decode(input.after) : null;
      errors.check(!!input.after && !after, 'after', 'is not a valid cursor');
      errors.check(!!input.since && !!input.until && input.since > input.until, 'since', 'must not be after until');
      errors.throwIfAny();
      if (!d.index) throw new NotFoundError('Search');
      const last = LAST_WORD.exec(query)?.[1] ?? null;
      const quoted = (query.match(/"/g) ?? []).length % 2 === 1;
      const prefix = last && !quoted && !/^or$/i.test(last) ? last : null;
      let rest = prefix ? query.slice(0, query.length - prefix.length).trim() : query;
      const prefixOr = !!prefix && /(^|\s)or$/i.test(rest);
      if (prefixOr) rest = rest.slice(0, -2).trim();
      const hits = await d.index.search({
        viewerId,
        query: rest,
        prefix,
        prefixOr,
        conversationId: input.conversationId ?? null,
        senderId: input.senderId ?? null,
        since: input.since ?? null,
        until: input.until ?? null,
        first: input.first,
        after,
      });
      if (hits === null) throw new ValidationError({ query: 'has no words to search for' });
      const page = hits.slice(0, input.first);
      const end = page[page.length - 1];
      return {
        hits: page.map(({ message, snippet }) => ({ message, snippet })),
        endCursor: end ? encode(end.cursor) : null,
        hasNextPage: hits.length > input.first,
      };
    },
  };
}

/** The search service's surface. */
export type SearchService = ReturnType<typeof createSearchService>;
