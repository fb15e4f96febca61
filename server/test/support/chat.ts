import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import type { ParleyOptions } from '../../src/app';
import { startTestApp, type TestApp, type TestMode } from './app';
import { codeOf, gql, record, until, wsClient, type GqlResult, type Recorder } from './client';
import { TEST_DATABASE_URL } from './databases';
import { signUp, type TestUser } from './users';

/** Every message field the lifecycle suites look at. */
export const MESSAGE = `id seq conversationId kind text format clientMessageId createdAt editedAt deletedAt threadRootId
  sender { id } mentions { id username } replyTo { id text deletedAt }
  reactions { emoji count reactedByMe users { id } }
  forwardedFrom { originalSenderName originalSentAt }
  thread { replyCount lastReplyAt participants { id } }
  location { latitude longitude label }
  attachments { id kind filename contentType byteSize url thumbnailUrl width height durationMs }`;

/** Every conversation event, with the message fields above. */
export const EVENT = `conversationId seq __typename
  ... on MessageAdded { message { ${MESSAGE} } }
  ... on MessageUpdated { message { ${MESSAGE} } }
  ... on ReceiptsUpdated { readers { userId lastReadSeq lastDeliveredSeq } }
  ... on MemberJoined { member { user { id } } }
  ... on MemberLeft { user { id } }
  ... on ConversationUpdated { conversation { id } }`;

const CONVERSATION_EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { ${EVENT} } }`;

/** The lifecycle operations, with their variables named as in the helpers below. */
export const OPS = {
  send: `mutation($i: SendMessageInput!) { sendMessage(input: $i) { ${MESSAGE} } }`,
  edit: `mutation($m: ID!, $t: String!) { editMessage(messageId: $m, text: $t) { ${MESSAGE} } }`,
  delete: `mutation($m: ID!, $e: Boolean!) { deleteMessage(messageId: $m, forEveryone: $e) { ${MESSAGE} } }`,
  react: `mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { ${MESSAGE} } }`,
  unreact: `mutation($m: ID!, $e: String!) { removeReaction(messageId: $m, emoji: $e) { ${MESSAGE} } }`,
  forward: `mutation($m: ID!, $c: [ID!]!) { forwardMessage(messageId: $m, conversationIds: $c) { ${MESSAGE} } }`,
  markRead: `mutation($c: ID!, $s: Int!) { markRead(conversationId: $c, seq: $s) { lastReadSeq lastDeliveredSeq } }`,
  markDelivered: `mutation($c: ID!, $s: Int!) { markDelivered(conversationId: $c, seq: $s) { lastReadSeq lastDeliveredSeq } }`,
  thread: `query($r: ID!, $a: Int, $b: Int, $l: Int) { thread(rootMessageId: $r, afterSeq: $a, beforeSeq: $b, limit: $l) { messages { ${MESSAGE} } hasMoreBefore hasMoreAfter } }`,
  readReceipts: `mutation($on: Boolean) { updatePrivacy(presenceVisibility: EVERYONE, lastSeenVisibility: EVERYONE, readReceipts: $on) { readReceipts } }`,
} as const;

/** The data of a result's single root field; fails the test on any error. */
export async function ok<T = any>(p: Promise<GqlResult>): Promise<T> {
  const r = await p;
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return Object.values(r.data!)[0] as T;
}

/** The error code of a result that must have failed, and its `fields` for BAD_USER_INPUT. */
export async function failure(p: Promise<GqlResult>): Promise<{ code: unknown; fields: Record<string, string> }> {
  const r = await p;
  expect(r.errors, 'expected an error').toBeDefined();
  expect(r.data ?? null).toBeNull();
  return { code: codeOf(r), fields: r.errors![0]!.extensions?.['fields'] ?? {} };
}

/** One in-process node for a test file, and the calls its tests make through the public API. */
export function useChatApp(
  mode: TestMode,
  setup: () => Promise<{ env?: Record<string, string>; options?: ParleyOptions }> = async () => ({}),
) {
  let app: TestApp;
  const clients: Client[] = [];
  beforeAll(async () => {
    const { env, options } = await setup();
    app = await startTestApp(mode, env, options);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => app?.stop());

  let counter = 0;
  const call = (u: TestUser | undefined, query: string, variables: Record<string, unknown> = {}) =>
    gql(app.url, query, variables, u?.token);
  const h = {
    app: () => app,
    call,
    /** Reads rows of the node's database directly. */
    sql: <R extends Record<string, any>>(text: string, params: unknown[] = []) => app.sql<R>(text, params),
    users: (n: number, prefix = 'u') => Promise.all(Array.from({ length: n }, () => signUp(app.url, prefix))),
    ws(u: TestUser): Client {
      const c = wsClient(app.url, u.token);
      clients.push(c);
      return c;
    },
    /** Records `conversationEvents` on a new socket: live only, or replaying from `afterSeq`. */
    subscribe: (u: TestUser, conversationId: string, afterSeq?: number): Recorder<any> =>
      record(h.ws(u), CONVERSATION_EVENTS, { c: conversationId, a: afterSeq ?? null }, 'conversationEvents'),
    /** The events after `afterSeq` up to the conversation's current `lastSeq`, as a resuming client replays them. */
    async replay(u: TestUser, conversationId: string, afterSeq = 0): Promise<any[]> {
      const last = await h.lastSeq(u, conversationId);
      const rec = h.subscribe(u, conversationId, afterSeq);
      await rec.waitFor(last - afterSeq);
      rec.stop();
      expect(rec.errors).toEqual([]);
      return rec.events;
    },
    group: async (owner: TestUser, members: TestUser[], title = 'Group'): Promise<string> =>
      (
        await ok(
          call(owner, `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`, {
            i: { title, memberIds: members.map((m) => m.id) },
          }),
        )
      ).id,
    direct: async (a: TestUser, b: TestUser): Promise<string> =>
      (await ok(call(a, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: b.id }))).id,
    sendRaw: (u: TestUser, conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
      call(u, OPS.send, { i: { conversationId, clientMessageId: `k${++counter}`, text, ...extra } }),
    send: (u: TestUser, conversationId: string, text: string, extra: Record<string, unknown> = {}) =>
      ok(h.sendRaw(u, conversationId, text, extra)),
    edit: (u: TestUser, messageId: string, text: string) => call(u, OPS.edit, { m: messageId, t: text }),
    delete: (u: TestUser, messageId: string, forEveryone = true) =>
      call(u, OPS.delete, { m: messageId, e: forEveryone }),
    react: (u: TestUser, messageId: string, emoji: string) => call(u, OPS.react, { m: messageId, e: emoji }),
    unreact: (u: TestUser, messageId: string, emoji: string) => call(u, OPS.unreact, { m: messageId, e: emoji }),
    forward: (u: TestUser, messageId: string, conversationIds: string[]) =>
      call(u, OPS.forward, { m: messageId, c: conversationIds }),
    markRead: (u: TestUser, conversationId: string, seq: number) =>
      call(u, OPS.markRead, { c: conversationId, s: seq }),
    markDelivered: (u: TestUser, conversationId: string, seq: number) =>
      call(u, OPS.markDelivered, { c: conversationId, s: seq }),
    readReceipts: (u: TestUser, on: boolean) => ok(call(u, OPS.readReceipts, { on })),
    /** The conversation as `u` sees it (null when not a member). */
    conversation: async (u: TestUser, conversationId: string, fields = 'lastSeq unreadCount unreadMentionCount') =>
      (await ok(call(u, `query($c: ID!) { conversation(id: $c) { ${fields} } }`, { c: conversationId }))) as any,
    lastSeq: async (u: TestUser, conversationId: string): Promise<number> =>
      (await h.conversation(u, conversationId, 'lastSeq')).lastSeq,
    /** The whole timeline as `u` sees it, oldest first. */
    timeline: async (u: TestUser, conversationId: string): Promise<any[]> =>
      (
        await ok(
          call(
            u,
            `query($c: ID!) { messages(conversationId: $c, afterSeq: 0, limit: 200) { messages { ${MESSAGE} } } }`,
            {
              c: conversationId,
            },
          ),
        )
      ).messages,
    /** Waits until the recorder holds an event with `seq`, then returns it. */
    async eventAt(rec: Recorder<any>, seq: number): Promise<any> {
      await until(() => rec.events.some((e) => e.seq === seq) || rec.errors.length > 0);
      expect(rec.errors).toEqual([]);
      return rec.events.find((e) => e.seq === seq);
    },
  };
  return h;
}

/** The helpers of {@link useChatApp}. */
export type ChatHarness = ReturnType<typeof useChatApp>;

/** Runs `body` against a node on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL. */
export function describeOnEachDatabase(name: string, body: (t: ChatHarness) => void): void {
  describe.each(['pglite', 'postgres'] as TestMode[])(`${name} (%s)`, (mode) => {
    describe.skipIf(mode === 'postgres' && !TEST_DATABASE_URL)('', () => body(useChatApp(mode)));
  });
}

/** Asserts that a subscriber received exactly the seqs `from`..`to`, each once and in order. */
export function expectSeqs(rec: Recorder<any>, from: number, to: number): void {
  expect(rec.errors).toEqual([]);
  expect(rec.events.map((e) => e.seq)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}
