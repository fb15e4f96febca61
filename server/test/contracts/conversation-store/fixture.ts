import { randomUUID } from 'node:crypto';
import type {
  Attachment,
  Conversation,
  ConversationKind,
  ConversationStore,
  ConversationTx,
  GeoLocation,
  Message,
} from '@parley/core';

/** What each adapter's test hands the contract. */
export interface ConversationStoreFixture {
  store: ConversationStore;
  /** Makes `id` a valid user for foreign keys (a no-op where there are none). */
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Builders the contract's parts share; `fixture()` is the adapter under test. */
export function contractHelpers(fixture: () => ConversationStoreFixture) {
  const store = () => fixture().store;

  async function users(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const id of ids) await fixture().createUser(id);
    return ids;
  }

  /** A conversation whose first user is its owner, the others founding members. */
  async function newConversation(
    userIds: string[],
    o: { kind?: ConversationKind; directKey?: string | null; at?: string } = {},
  ): Promise<Conversation> {
    const res = await store().create(
      {
        id: randomUUID(),
        kind: o.kind ?? 'GROUP',
        title: o.kind === 'DIRECT' ? null : 'Group',
        description: null,
        createdAt: o.at ?? new Date().toISOString(),
        directKey: o.directKey ?? null,
      },
      userIds.map((userId, i) => ({ userId, role: i === 0 ? 'OWNER' : 'MEMBER' })),
      async () => undefined,
    );
    return res.conversation;
  }

  /** Appends a message as the message service does: TEXT from a sender, SYSTEM without one. */
  async function addMessage(
    tx: ConversationTx,
    senderId: string | null,
    o: {
      clientMessageId?: string;
      replyToId?: string | null;
      threadRootId?: string;
      mentionIds?: string[];
      attachments?: Attachment[];
      location?: GeoLocation;
    } = {},
  ): Promise<Message> {
    const { message } = await tx.appendMessage({
      id: randomUUID(),
      clientMessageId: senderId ? (o.clientMessageId ?? randomUUID()) : null,
      senderId,
      kind: senderId ? 'TEXT' : 'SYSTEM',
      text: `message ${tx.conversation.lastSeq + 1}`,
      format: 'PLAIN',
      replyToId: o.replyToId ?? null,
      threadRootId: o.threadRootId ?? null,
      forwardedFrom: null,
      mentionIds: o.mentionIds ?? [],
      attachments: o.attachments ?? [],
      location: o.location ?? null,
      sender: null,
      replyTo: null,
      mentions: [],
    });
    return message;
  }

  async function send(
    conversationId: string,
    senderId: string | null,
    o: { clientMessageId?: string } = {},
  ): Promise<Message> {
    const res = await store().write(conversationId, (tx) => addMessage(tx, senderId, o));
    if (!res) throw new Error('conversation missing');
    return res.result;
  }

  /** Adds members one write each, so each joins at a later seq. */
  async function join(conversationId: string, ...userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await store().write(conversationId, (tx) => tx.addMember(userId, 'MEMBER', snapshot(userId)));
    }
  }

  const get = async (id: string) => (await store().getConversations([id]))[0]!;

  return { store, users, newConversation, addMessage, send, join, get };
}

/** A user snapshot for events; the store only carries it. */
export const snapshot = (id: string) => ({
  id,
  username: `u_${id.slice(0, 8)}`,
  displayName: id.slice(0, 8),
  avatarUrl: null,
  createdAt: new Date().toISOString(),
});

/** The helpers' type. */
export type ContractHelpers = ReturnType<typeof contractHelpers>;
