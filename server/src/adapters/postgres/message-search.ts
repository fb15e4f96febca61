import type { MessageSearchHit, MessageSearchIndex } from '@parley/core';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './chat.rows';
import type { Queryable } from './database';

const m = (cols: string) =>
  cols
    .split(', ')
    .map((c) => `m.${c}`)
    .join(', ');

/**
 * {@link MessageSearchIndex} on PostgreSQL or PGlite full-text search (`parley_search`: no stemming,
 * accents ignored). One statement: the query's words (web-search syntax, parsed by the database, so
 * operators never become SQL), joined on the viewer's memberships, without deleted messages or ones
 * the viewer hid; ranked by relevance then recency; snippets only for the page.
 */
export function createPgMessageSearch(db: Queryable): MessageSearchIndex {
  return {
    async search(q) {
      const { rows } = await db.query<MessageRow & { rank: number; snippet: string | null; empty: boolean }>(
        `WITH q AS (
           SELECT CASE
             WHEN $2 = '' AND $3::text IS NULL THEN NULL
             WHEN $3::text IS NULL THEN websearch_to_tsquery('parley_search', $2)
             WHEN $2 = '' THEN to_tsquery('parley_search', $3 || ':*')
             WHEN $12 THEN websearch_to_tsquery('parley_search', $2) || to_tsquery('parley_search', $3 || ':*')
             ELSE websearch_to_tsquery('parley_search', $2) && to_tsquery('parley_search', $3 || ':*')
           END AS query
         ),
         hits AS (
           SELECT ${m(MESSAGE_COLUMNS)}, ts_rank(m.search_vector, q.query)::float8 AS rank
           FROM q, messages m
           -- The viewer's conversations as an array: the planner ANDs the (conversation, seq) index
           -- with the words' index, so only the viewer's matching messages are read.
           WHERE m.conversation_id = ANY (ARRAY(
               SELECT conversation_id FROM members WHERE user_id = $1 AND ($4::uuid IS NULL OR conversation_id = $4)))
             AND numnode(q.query) > 0 AND m.search_vector @@ q.query
             AND m.deleted_at IS NULL AND m.kind IN ('TEXT', 'MEDIA')
             AND ($5::uuid IS NULL OR m.sender_id = $5)
             AND ($6::timestamptz IS NULL OR m.created_at >= $6) AND ($7::timestamptz IS NULL OR m.created_at < $7)
             AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = $1 AND h.message_id = m.id)
             AND ($9::float8 IS NULL OR (ts_rank(m.search_vector, q.query)::float8, m.created_at, m.id) < ($9, $10::timestamptz, $11::uuid))
           ORDER BY rank DESC, m.created_at DESC, m.id DESC
           LIMIT $8
         )
         SELECT hits.*, ts_headline('parley_search', hits.text, q.query,
             'StartSel=«, StopSel=», MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
           ) AS snippet, false AS empty
         FROM hits, q
         UNION ALL
         SELECT ${MESSAGE_COLUMNS.split(', ')
           .map(() => 'NULL')
           .join(', ')}, NULL, NULL, true FROM q WHERE q.query IS NULL OR numnode(q.query) = 0
         ORDER BY rank DESC NULLS LAST, created_at DESC, id DESC`,
        [
          q.viewerId,
          q.query,
          q.prefix,
          q.conversationId,
          q.senderId,
          q.since,
          q.until,
          q.first + 1,
          q.after?.rank ?? null,
          q.after?.createdAt ?? null,
          q.after?.id ?? null,
          q.prefixOr,
        ],
      );
      if (rows.some((r) => r.empty)) return null;
      return rows.map((r): MessageSearchHit => ({
        message: toMessage(r),
        snippet: r.snippet ?? '',
        cursor: { rank: r.rank, createdAt: r.created_at.toISOString(), id: r.id },
      }));
    },
  };
}
