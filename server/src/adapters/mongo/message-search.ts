import type { MessageSearchHit, MessageSearchIndex, MessageSearchQuery } from '@parley/core';
import type { PipelineStage } from 'mongoose';
import type { Queryable } from '../postgres/database';
import type { ChatModels, MessageDoc } from './chat.models';
import { toMessage } from './message.docs';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The query in MongoDB's `$search` syntax. Web-search syntax ANDs its words, MongoDB ORs bare terms
 * but ANDs quoted phrases: so each word becomes a phrase of its own, unless the query says `or`.
 */
export function toTextSearch(query: string): { search: string; words: string[] } {
  const tokens = query.match(/-?"[^"]*"|\S+/g) ?? [];
  const anyOf = tokens.some((t) => t.toLowerCase() === 'or');
  const words: string[] = [];
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.toLowerCase() === 'or') continue;
    const negated = t.startsWith('-');
    const body = (negated ? t.slice(1) : t).replace(/"/g, '').trim();
    if (!body) continue;
    if (!negated) words.push(...body.split(/\s+/));
    parts.push(
      negated ? `-${body.includes(' ') ? `"${body}"` : body}` : anyOf && !body.includes(' ') ? body : `"${body}"`,
    );
  }
  return { search: parts.join(' '), words };
}

/** The text around the first match, matches between « and », as PostgreSQL's ts_headline gives. */
export function snippetOf(text: string, words: readonly string[]): string {
  const terms = words.filter((w) => w.length > 1).map(escapeRegExp);
  if (terms.length === 0) return text.slice(0, 160);
  const pattern = new RegExp(`(${terms.join('|')})`, 'giu');
  const first = text.search(pattern);
  const start = Math.max(0, first - 60);
  const cut = text.slice(start, start + 200);
  return `${start > 0 ? '… ' : ''}${cut.replace(pattern, '«$1»')}${start + 200 < text.length ? ' …' : ''}`;
}

/**
 * {@link MessageSearchIndex} over messages kept in MongoDB, with its text index (`$text`: case- and
 * diacritic-insensitive, no stemming with language "none", like the PostgreSQL configuration). The
 * privacy rule is the same: the viewer's conversations now (from PostgreSQL's members), never
 * deleted messages or ones the viewer hid. A last word typed partly matches as a prefix (a regular
 * expression beside the text search); ranks are MongoDB's text scores.
 */
export function createMongoMessageSearch(db: Queryable, models: ChatModels): MessageSearchIndex {
  return {
    async search(q: MessageSearchQuery): Promise<MessageSearchHit[] | null> {
      const { search, words } = toTextSearch(q.query);
      if (!search && !q.prefix) return null;
      const { rows } = await db.query<{ conversation_id: string }>(
        'SELECT conversation_id FROM members WHERE user_id = $1 AND ($2::uuid IS NULL OR conversation_id = $2)',
        [q.viewerId, q.conversationId],
      );
      const conversationIds = rows.map((r) => r.conversation_id);
      if (conversationIds.length === 0) return [];
      const hidden = await models.hidden
        .find({ userId: q.viewerId, conversationId: { $in: conversationIds } }, { messageId: 1 })
        .lean();
      const match: Record<string, unknown> = {
        conversationId: { $in: conversationIds },
        deletedAt: null,
        kind: { $in: ['TEXT', 'MEDIA'] },
        text: { $type: 'string' },
      };
      if (search) match['$text'] = { $search: search, $caseSensitive: false, $diacriticSensitive: false };
      if (q.prefix) match['text'] = { $regex: `(^|[^\\p{L}\\p{N}])${escapeRegExp(q.prefix)}`, $options: 'iu' };
      if (hidden.length > 0) match['_id'] = { $nin: hidden.map((h) => h.messageId) };
      if (q.senderId) match['senderId'] = q.senderId;
      if (q.since || q.until) {
        match['createdAt'] = { ...(q.since ? { $gte: q.since } : {}), ...(q.until ? { $lt: q.until } : {}) };
      }
      const pipeline: PipelineStage[] = [
        { $match: match },
        { $addFields: { rank: search ? { $meta: 'textScore' } : 0 } },
      ];
      if (q.after) {
        const at = new Date(q.after.createdAt);
        pipeline.push({
          $match: {
            $or: [
              { rank: { $lt: q.after.rank } },
              { rank: q.after.rank, createdAt: { $lt: at } },
              { rank: q.after.rank, createdAt: at, _id: { $lt: q.after.id } },
            ],
          },
        });
      }
      pipeline.push({ $sort: { rank: -1, createdAt: -1, _id: -1 } }, { $limit: q.first + 1 });
      const docs = await models.messages.aggregate<MessageDoc & { rank: number }>(pipeline);
      const terms = q.prefix ? [...words, q.prefix] : words;
      return docs.map((d) => ({
        message: toMessage(d),
        snippet: snippetOf(d.text ?? '', terms),
        cursor: { rank: d.rank, createdAt: d.createdAt.toISOString(), id: d._id },
      }));
    },
  };
}
