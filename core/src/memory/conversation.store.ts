import type { Conversation, Member, MemberRole } from '../conversations/conversation.model';
import type { ConversationEvent, ConversationEventBody } from '../events/event.model';
import type { Message } from '../messages/message.model';
import {
  DuplicateClientMessageIdError,
  InvalidCursorError,
  type ConversationStore,
  type ConversationTx,
} from '../ports/conversation.store';

const clone = <T>(v: T): T => structuredClone(v);
const idemKey = (senderId: string, clientMessageId: string) => `${senderId}\u0000${clientMessageId}`;

/**
 * {@link ConversationStore} in process memory, for unit tests. A write stages its changes and
 * applies them in one synchronous step when it commits, so readers never see half a transaction.
 */
export function createMemoryConversationStore(): ConversationStore {
  const conversations = new Map<string, Conversation>();
  const directKeys = new Map<string, string>();
  const members = new Map<string, Map<string, Member>>();
  const messages = new Map<string, Message>();
  const messagesByConv = new Map<string, Message[]>();
  const idempotency = new Map<string, string>();
  const events = new Map<string, ConversationEvent[]>();
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

  function stage(base: Conversation) {
    const state = clone(base);
    const memberOverlay = new Map<string, Member | null>();
    const newMessages: Message[] = [];
    const newEvents: ConversationEvent[] = [];
    const current = () => members.get(state.id) ?? new Map<string, Member>();
    const view = (userId: string): Member | null => {
      if (memberOverlay.has(userId)) return memberOverlay.get(userId) ?? null;
      return current().get(userId) ?? null;
    };
    const allMembers = (): Member[] => {
      const ids = new Set([...current().keys(), ...memberOverlay.keys()]);
      return [...ids].map(view).filter((m): m is Member => m !== null);
    };
    const append = (build: (seq: number, createdAt: string) => ConversationEventBody): ConversationEvent => {
      const seq = state.lastSeq + 1;
      const createdAt = new Date().toISOString();
      const event = { ...build(seq, createdAt), conversationId: state.id, seq, createdAt } as ConversationEvent;
      newEvents.push(clone(event));
      state.lastSeq = seq;
      state.lastActivityAt = createdAt;
      return event;
    };
    const tx: ConversationTx = {
      get conversation() {
        return state;
      },
      getMember: async (userId) => clone(view(userId)),
      getMembers: async (userIds) =>
        userIds
          .map(view)
          .filter((m): m is Member => m !== null)
          .map(clone),
      async oldestMember(role, exceptUserId) {
        const found = allMembers()
          .filter((m) => m.userId !== exceptUserId && (role === null || m.role === role))
          .sort((a, b) => a.joinedSeq - b.joinedSeq || a.userId.localeCompare(b.userId))[0];
        return found ? clone(found) : null;
      },
      findMessage: async (id) => clone(messages.get(id) ?? newMessages.find((m) => m.id === id) ?? null),
      async appendMessage(draft) {
        const { sender, replyTo, ...row } = draft;
        if (row.senderId && row.clientMessageId) {
          const key = idemKey(row.senderId, row.clientMessageId);
          if (
            idempotency.has(key) ||
            newMessages.some((n) => n.senderId === row.senderId && n.clientMessageId === row.clientMessageId)
          ) {
            throw new DuplicateClientMessageIdError();
          }
        }
        const event = append((seq, createdAt) => ({
          type: 'MessageAdded',
          message: {
            ...row,
            conversationId: state.id,
            seq,
            createdAt,
            editedAt: null,
            deletedAt: null,
            sender,
            replyTo,
          },
        }));
        const {
          sender: _s,
          replyTo: _r,
          ...message
        } = (event as Extract<ConversationEvent, { type: 'MessageAdded' }>).message;
        newMessages.push(clone(message));
        state.lastMessageId = message.id;
        return { message: clone(message), event };
      },
      async addMember(userId, role, user) {
        const event = append((seq, createdAt) => ({
          type: 'MemberJoined',
          member: {
            conversationId: state.id,
            userId,
            role,
            joinedAt: createdAt,
            joinedSeq: seq,
            lastReadSeq: seq - 1,
            lastDeliveredSeq: seq - 1,
            user,
          },
        }));
        const { user: _u, ...member } = (event as Extract<ConversationEvent, { type: 'MemberJoined' }>).member;
        if (!view(userId)) state.memberCount++;
        memberOverlay.set(userId, clone(member));
        return { member: clone(member), event };
      },
      async setMemberRole(userId, role) {
        const m = view(userId);
        if (m) memberOverlay.set(userId, { ...m, role });
      },
      async deleteMember(userId) {
        if (view(userId)) state.memberCount--;
        memberOverlay.set(userId, null);
      },
      async updateConversation(patch) {
        if (patch.title !== undefined) state.title = patch.title;
        if (patch.description !== undefined) state.description = patch.description;
      },
      appendEvent: async (build) => append(build),
    };
    const commit = () => {
      for (const m of newMessages) {
        if (m.senderId && m.clientMessageId && idempotency.has(idemKey(m.senderId, m.clientMessageId))) {
          throw new DuplicateClientMessageIdError();
        }
      }
      conversations.set(state.id, clone(state));
      const map = members.get(state.id) ?? new Map<string, Member>();
      for (const [userId, m] of memberOverlay) {
        const current = map.get(userId);
        // Read markers move outside transactions (markRead); a staged copy must not move them back.
        if (m && current) {
          map.set(userId, {
            ...clone(m),
            lastReadSeq: Math.max(m.lastReadSeq, current.lastReadSeq),
            lastDeliveredSeq: Math.max(m.lastDeliveredSeq, current.lastDeliveredSeq),
          });
        } else if (m) map.set(userId, clone(m));
        else map.delete(userId);
      }
      members.set(state.id, map);
      const list = messagesByConv.get(state.id) ?? [];
      for (const m of newMessages) {
        messages.set(m.id, m);
        list.push(m);
        if (m.senderId && m.clientMessageId) idempotency.set(idemKey(m.senderId, m.clientMessageId), m.id);
      }
      messagesByConv.set(state.id, list);
      events.set(state.id, [...(events.get(state.id) ?? []), ...newEvents]);
    };
    /** A founding member: joined at creation, before any event. */
    const found = (userId: string, role: MemberRole) =>
      memberOverlay.set(userId, {
        conversationId: state.id,
        userId,
        role,
        joinedAt: state.createdAt,
        joinedSeq: 0,
        lastReadSeq: 0,
        lastDeliveredSeq: 0,
      });
    return { tx, commit, found };
  }

  const encodeCursor = (c: Conversation) => Buffer.from(`${c.lastActivityAt}|${c.id}`).toString('base64url');

  return {
    async create(conversation, initial, fn) {
      const { directKey, ...c } = conversation;
      return withLock(directKey ?? c.id, async () => {
        const existingId = directKey ? directKeys.get(directKey) : undefined;
        if (existingId) return { created: false as const, conversation: clone(conversations.get(existingId)!) };
        const { tx, commit, found } = stage({
          ...c,
          lastSeq: 0,
          lastActivityAt: c.createdAt,
          lastMessageId: null,
          memberCount: initial.length,
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
        const { tx, commit } = stage(base);
        const result = await fn(tx);
        commit();
        return { result };
      });
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
    async history(conversationId, { beforeSeq, afterSeq, limit }) {
      const all = messagesByConv.get(conversationId) ?? [];
      const forward = afterSeq != null && beforeSeq == null;
      const inRange = all.filter(
        (m) => (beforeSeq == null || m.seq < beforeSeq) && (afterSeq == null || m.seq > afterSeq),
      );
      const page = forward ? inRange.slice(0, limit) : inRange.slice(Math.max(0, inRange.length - limit));
      const first = page[0];
      const last = page[page.length - 1];
      return {
        messages: page.map(clone),
        hasMoreBefore: forward
          ? all.some((m) => m.seq < (first?.seq ?? (afterSeq ?? 0) + 1))
          : inRange.length > limit || (afterSeq != null && all.some((m) => m.seq < (first?.seq ?? afterSeq + 1))),
        hasMoreAfter: forward
          ? inRange.length > limit
          : beforeSeq != null && all.some((m) => m.seq > (last?.seq ?? beforeSeq - 1)),
      };
    },
    eventsAfter: async (conversationId, afterSeq, limit) =>
      (events.get(conversationId) ?? [])
        .filter((e) => e.seq > afterSeq)
        .slice(0, limit)
        .map(clone),
    async unreadCounts(userId, conversationIds) {
      const result = new Map<string, number>();
      for (const id of conversationIds) {
        const m = members.get(id)?.get(userId);
        const n = m
          ? (messagesByConv.get(id) ?? []).filter(
              (msg) => msg.seq > m.lastReadSeq && msg.senderId !== userId && msg.kind !== 'SYSTEM' && !msg.deletedAt,
            ).length
          : 0;
        result.set(id, n);
      }
      return result;
    },
    async markRead(conversationId, userId, seq) {
      const m = members.get(conversationId)?.get(userId);
      if (!m) return null;
      if (seq > (conversations.get(conversationId)?.lastSeq ?? 0)) return 'tooHigh';
      m.lastReadSeq = Math.max(m.lastReadSeq, seq);
      m.lastDeliveredSeq = Math.max(m.lastDeliveredSeq, seq);
      return clone(m);
    },
  };
}
