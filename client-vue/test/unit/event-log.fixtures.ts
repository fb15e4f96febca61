import { ApolloClient, ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { of } from 'rxjs';
import { createCache } from '../../src/apollo/apollo.cache';
import { EventLog } from '../../src/event-log/event.log';
import type { ConversationEvent, EventSink, EventSource, EventTransport } from '../../src/event-log/event.transport';
import type { ConversationListItemFragment, MessageItemFragment } from '../../src/gql/graphql';

export const ME = 'u1';

/** A message as the server sends it (with the `__typename`s Apollo asks for). */
export function message(seq: number, text = `m${seq}`, senderId = 'u2'): MessageItemFragment {
  const sender = { __typename: 'User', id: senderId, username: senderId, displayName: senderId.toUpperCase() };
  return {
    __typename: 'Message',
    id: `id${seq}`,
    conversationId: 'c1',
    seq,
    clientMessageId: null,
    kind: 'TEXT',
    text,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    sender,
    replyTo: null,
    format: 'PLAIN',
    threadRootId: null,
    mentions: [],
    reactions: [],
    forwardedFrom: null,
    attachments: [],
    location: null,
    thread: null,
    receipt: null,
  } as MessageItemFragment;
}

export const added = (seq: number, text?: string, senderId?: string): ConversationEvent =>
  ({
    __typename: 'MessageAdded',
    conversationId: 'c1',
    seq,
    message: message(seq, text, senderId),
  }) as ConversationEvent;

export const updated = (seq: number, of: MessageItemFragment): ConversationEvent =>
  ({ __typename: 'MessageUpdated', conversationId: 'c1', seq, message: of }) as ConversationEvent;

export const left = (seq: number, userId: string, conversationId = 'c1'): ConversationEvent =>
  ({ __typename: 'MemberLeft', conversationId, seq, user: { __typename: 'User', id: userId } }) as ConversationEvent;

export const joined = (seq: number, userId: string, role = 'MEMBER', conversationId = 'c1'): ConversationEvent =>
  ({
    __typename: 'MemberJoined',
    conversationId,
    seq,
    member: {
      __typename: 'Member',
      conversationId,
      role,
      joinedAt: '2026-01-01T00:00:00.000Z',
      user: { __typename: 'User', id: userId, username: userId, displayName: userId.toUpperCase() },
    },
  }) as ConversationEvent;

export function conversation(lastSeq: number, id = 'c1'): ConversationListItemFragment {
  return {
    __typename: 'Conversation',
    id,
    kind: 'DIRECT',
    title: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    lastSeq,
    unreadCount: 0,
    unreadMentionCount: 0,
    memberCount: 2,
    effectiveRetentionDays: null,
    myMembership: {
      __typename: 'Member',
      conversationId: id,
      role: 'MEMBER',
      notificationLevel: 'ALL',
      mutedUntil: null,
      user: { __typename: 'User', id: ME },
    },
    lastMessage: null,
    members: [],
  } as ConversationListItemFragment;
}

/** The server's answers to the snapshot queries; every request is recorded by operation name. */
export function fakeServer() {
  const state = {
    messages: [message(1), message(2)],
    conversations: [conversation(2)],
    requests: [] as string[],
  };
  const link = new ApolloLink((operation) => {
    state.requests.push(operation.operationName ?? '');
    if (operation.operationName === 'Conversations') {
      const page = { __typename: 'ConversationPage', conversations: state.conversations };
      return of({ data: { conversations: page } });
    }
    const vars = operation.variables as { beforeSeq?: number; afterSeq?: number; limit?: number };
    const { beforeSeq, afterSeq, limit = 50 } = vars;
    const older = state.messages.filter((m) => beforeSeq == null || m.seq < beforeSeq);
    const newer = older.filter((m) => afterSeq == null || m.seq > afterSeq);
    // Like the server: only afterSeq gives the oldest after it, anything else the newest.
    const page = afterSeq != null && beforeSeq == null ? newer.slice(0, limit) : newer.slice(-limit);
    const first = page[0]?.seq ?? Infinity;
    const last = page[page.length - 1]?.seq ?? -Infinity;
    const hasMoreBefore = state.messages.some((m) => m.seq < first);
    const hasMoreAfter = state.messages.some((m) => m.seq > last);
    return of({ data: { messages: { __typename: 'MessagePage', messages: page, hasMoreBefore, hasMoreAfter } } });
  });
  const cache = createCache({ me: () => ME });
  return { state, cache, client: new ApolloClient({ cache, link }) };
}

export interface FakeSubscription {
  source: EventSource;
  sink: EventSink;
  closed: boolean;
}

/** A transport the test drives: it pushes events and errors, and says when the connection came back. */
export function fakeTransport() {
  const subscriptions: FakeSubscription[] = [];
  const reconnectListeners = new Set<() => void>();
  let waiting: ((subscription: FakeSubscription) => void) | null = null;
  const transport: EventTransport = {
    subscribe(source, sink) {
      const subscription = { source, sink, closed: false };
      subscriptions.push(subscription);
      waiting?.(subscription);
      waiting = null;
      return () => {
        subscription.closed = true;
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
  return {
    transport,
    subscriptions,
    open: (kind: 'inbox' | 'conversation') =>
      subscriptions.filter((s) => !s.closed && (s.source === 'inbox') === (kind === 'inbox')),
    /** Resolves with the next subscription made. */
    next: () => new Promise<FakeSubscription>((resolve) => (waiting = resolve)),
    reconnect: () => reconnectListeners.forEach((listener) => listener()),
  };
}

export function resyncRequired(): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({
    errors: [{ message: 'Too far behind', extensions: { code: 'RESYNC_REQUIRED' } }],
  });
}

export function setup() {
  const server = fakeServer();
  const wire = fakeTransport();
  const log = new EventLog({ client: server.client, cache: server.cache, transport: wire.transport, me: () => ME });
  return { server, wire, log, cache: server.cache };
}
