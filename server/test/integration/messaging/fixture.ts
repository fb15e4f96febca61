import type { Client } from 'graphql-ws';
import { afterEach, expect } from 'vitest';
import { useTestApp, type TestMode } from '../../support/app';
import { gql, until, wsClient, type GqlResult, type Recorder } from '../../support/client';
import { signUp, type TestUser } from '../../support/users';

const EVENT = `conversationId seq __typename
  ... on MessageAdded { message { id seq text kind clientMessageId conversationId sender { id } replyTo { id } } }
  ... on MessageUpdated { message { id seq text kind clientMessageId conversationId sender { id } replyTo { id } } }
  ... on MemberJoined { member { role user { id } } }
  ... on MemberUpdated { member { role user { id } } }
  ... on MemberLeft { user { id } }
  ... on ConversationUpdated { conversation { id title description } }`;
export const CONV_EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { ${EVENT} } }`;
export const INBOX_EVENTS = `subscription { inboxEvents { ${EVENT} } }`;
const MESSAGE = 'id seq text kind clientMessageId conversationId sender { id } replyTo { id }';
/** These suites sign up many users from one address; the per-IP sign-up limit is not under test here. */
export const ENV = { RATE_SIGNUP_PER_IP_PER_HOUR: '1000000' };

/** The first error code a subscription recorded (a `next` with errors or an `error`). */
export const subCode = (r: Recorder<unknown>): unknown => {
  const first = r.errors[0] as any;
  const e = Array.isArray(first) ? first[0] : first;
  return e?.extensions?.code;
};

/** Waits until the clock has moved on, so activity timestamps differ. */
export const nextMs = async () => {
  const t = Date.now();
  await until(() => Date.now() > t + 1, 1000);
};

/** What the topics of the messaging suite share: its node and the calls their tests make. */
export type MessagingSuite = ReturnType<typeof messagingSuite>;

/**
 * The node of the messaging suite in one mode (started before its tests, stopped after them) and the
 * calls its tests make. Call it inside the mode's `describe`; WebSocket clients opened with `ws` (or
 * pushed to `clients`) are closed after each test.
 */
export function messagingSuite(mode: TestMode) {
  const app = useTestApp(mode, ENV, 180_000);
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  const call = (u: TestUser | undefined, query: string, vars: Record<string, unknown> = {}) =>
    gql(app.url, query, vars, u?.token);
  const ok = async <T = any>(p: Promise<GqlResult>, field: string): Promise<T> => {
    const r = await p;
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data![field] as T;
  };
  const ws = (u: TestUser) => {
    const c = wsClient(app.url, u.token);
    clients.push(c);
    return c;
  };
  const users = (n: number, prefix = 'u') => Promise.all(Array.from({ length: n }, () => signUp(app.url, prefix)));

  const openDirect = (u: TestUser, other: string) =>
    ok<any>(
      call(u, `mutation($u: ID!) { openDirectConversation(userId: $u) { id kind lastSeq memberCount } }`, {
        u: other,
      }),
      'openDirectConversation',
    );
  const createGroup = (u: TestUser, title: string, memberIds: string[], description?: string) =>
    ok<any>(
      call(
        u,
        `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id kind title description lastSeq memberCount } }`,
        {
          i: { title, memberIds, ...(description !== undefined ? { description } : {}) },
        },
      ),
      'createGroup',
    );
  const sendRaw = (u: TestUser, c: string, text: string, clientMessageId: string, replyToId?: string) =>
    call(u, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { ${MESSAGE} } }`, {
      i: { conversationId: c, clientMessageId, text, ...(replyToId ? { replyToId } : {}) },
    });
  let counter = 0;
  /** A number not handed out before in this suite, for unique client message ids. */
  const uniq = () => ++counter;
  const send = (u: TestUser, c: string, text: string, clientMessageId = `m${uniq()}`, replyToId?: string) =>
    ok<any>(sendRaw(u, c, text, clientMessageId, replyToId), 'sendMessage');
  const conv = (u: TestUser, id: string, fields = 'id lastSeq memberCount title description') =>
    ok<any>(call(u, `query($c: ID!) { conversation(id: $c) { ${fields} } }`, { c: id }), 'conversation');
  const history = (u: TestUser, c: string, args: Record<string, unknown> = {}) =>
    call(
      u,
      `query($c: ID!, $b: Int, $a: Int, $l: Int) { messages(conversationId: $c, beforeSeq: $b, afterSeq: $a, limit: $l) { messages { ${MESSAGE} } hasMoreBefore hasMoreAfter } }`,
      { c, ...args },
    );
  const allMessages = async (u: TestUser, c: string) =>
    (await ok<any>(history(u, c, { a: 0, l: 200 }), 'messages')).messages as any[];

  return {
    mode,
    app,
    clients,
    call,
    ok,
    ws,
    users,
    openDirect,
    createGroup,
    sendRaw,
    uniq,
    send,
    conv,
    history,
    allMessages,
  };
}
