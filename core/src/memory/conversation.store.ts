import type { Conversation } from '../conversations/conversation.model';
import { InvalidCursorError, type ConversationStore } from '../ports/conversation.store';
import { clone, emptyTables, idemKey, stageWrite } from './conversation.tx';
import { memoryMessageReads } from './message.reads';

/**
 * {@link ConversationStore} in process memory. Writes on one conversation are serialised by a
 * per-conversation lock, as the row lock does in SQL, and staged until they commit.
 */
export function createMemoryConversationStore(): ConversationStore {
  const db = emptyTables();
  const { conversations, directKeys, members, messages, idempotency, events } = db;
  const locks = new Map<string, Promise<unknown>>();

  async function withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(id, tail);
    try {
      return await run;
    } finally {
      if (locks.get(id) === tail) locks.delete(id);
    }
  }

  const encodeCursor = (c: Conversation) => Buffer.from(`${c.lastActivityAt}|${c.id}`).toString('base64url');

  return {
    async create(conversation, initial, fn) {
      const { directKey, ...c } = conversation;
      return withLock(directKey ?? c.id, async () => {
        const existingId = directKey ? directKeys.get(directKey) : undefined;
        if (existingId) return { created: false as const, conversation: clone(conversations.get(existingId)!) };
        const { tx, commit, found } = stageWrite(db, {
          ...c,
          lastSeq: 0,
          lastActivityAt: c.createdAt,
          lastMessageId: null,
          memberCount: initial.length,
          retentionDays: null,
          receiptsAnnouncedAt: c.createdAt,
        });
        for (const m of initial) found(m.userId, m.role);
        const result = await fn(tx);
        commit();
        if (directKey) directKeys.set(directKey, c.id);
        return { created: true as const, conversation: clone(tx.conversation), result };
      });
    },
    async write(conversationId, fn) {
      return withLock(conversationId, async () => {
        const base = conversations.get(conversationId);
        if (!base) return null;
        const { tx, commit } = stageWrite(db, base);
        const result = await fn(tx);
        commit();
        return { result };
      });
    },
    async retentionPage(serverDays, afterId, limit) {
      const shorter = (days: number | null) =>
        days === null ? serverDays : serverDays === null ? days : Math.min(days, serverDays);
      return [...conversations.values()]
        .filter((c) => shorter(c.retentionDays) !== null && (afterId === null || c.id > afterId))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((c) => ({ id: c.id, days: shorter(c.retentionDays)! }));
    },
    getConversations: async (ids) =>
      ids.flatMap((id) => (conversations.has(id) ? [clone(conversations.get(id)!)] : [])),
    getMemberships: async (pairs) =>
      pairs.flatMap((p) => {
        const m = members.get(p.conversationId)?.get(p.userId);
        return m ? [clone(m)] : [];
      }),
    async listMembers(conversationId, first, afterUserId) {
      const all = [...(members.get(conversationId)?.values() ?? [])].sort(
        (a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId),
      );
      const start = afterUserId === null ? 0 : all.findIndex((m) => m.userId === afterUserId) + 1;
      // An unknown cursor member yields nothing, as in SQL, rather than restarting from the top.
      if (afterUserId !== null && start === 0) return [];
      return all.slice(start, start + first).map(clone);
    },
    async listConversations(userId, first, cursor) {
      let after: { at: string; id: string } | null = null;
      if (cursor !== null) {
        const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
        if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new InvalidCursorError();
        after = { at, id };
      }
      const mine = [...conversations.values()]
        .filter((c) => members.get(c.id)?.has(userId))
        .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id))
        .filter((c) => !after || c.lastActivityAt < after.at || (c.lastActivityAt === after.at && c.id < after.id));
      const page = mine.slice(0, first).map(clone);
      const last = page[page.length - 1];
      return { conversations: page, nextCursor: mine.length > first && last ? encodeCursor(last) : null };
    },
    conversationIdsOf: async (userId) => [...members].filter(([, m]) => m.has(userId)).map(([id]) => id),
    getMessages: async (ids) => ids.flatMap((id) => (messages.has(id) ? [clone(messages.get(id)!)] : [])),
    async findByClientMessageId(senderId, clientMessageId) {
      const id = idempotency.get(idemKey(senderId, clientMessageId));
      return id ? clone(messages.get(id)!) : null;
    },
    eventsAfter: async (conversationId, afterSeq, limit) =>
      (events.get(conversationId) ?? [])
        .filter((e) => e.seq > afterSeq)
        .slice(0, limit)
        .map(clone),
    memberLeftSeq: async (conversationId, userId, afterSeq, upToSeq) =>
      (events.get(conversationId) ?? []).find(
        (e) => e.seq > afterSeq && e.seq <= upToSeq && e.type === 'MemberLeft' && e.userId === userId,
      )?.seq ?? null,
    ...memoryMessageReads(db),
  };
}
