import type { Client } from 'graphql-ws';
import { afterEach, beforeAll, expect } from 'vitest';
import { useTestApp } from '../../support/app';
import { DEFAULT_LIMITS, rawSocket, underAttack, wsRun, type RawSocket } from '../../support/abuse';
import { gql, wsClient } from '../../support/client';
import { TEST_DATABASE_URL } from '../../support/databases';
import { signUp, type TestUser } from '../../support/users';

export const MODE = TEST_DATABASE_URL ? 'postgres' : 'pglite';
export const ALLOWED_ORIGIN = 'https://chat.example.org';
export const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;

/** The default-limits node of the abuse suite and what its tests use to attack it. */
export type DefaultLimitsNode = ReturnType<typeof defaultLimitsNode>;

/**
 * One node with the documented default limits (sign-ups relaxed: the suites sign up many users),
 * started for the enclosing `describe`, and what its tests use to attack it. WebSocket clients
 * and raw sockets opened through `ws` and `raw` are closed after each test.
 */
export function defaultLimitsNode() {
  const app = useTestApp(
    MODE,
    {
      ...DEFAULT_LIMITS,
      RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      // Behind a "proxy": tests pick the client address with X-Forwarded-For (others get the socket's).
      TRUST_PROXY: 'true',
      BLOCKED_WORDS: 'spam, scam',
    },
    120_000,
  );
  let bystander: TestUser;
  const clients: Client[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    bystander = await signUp(app.url, 'bystander');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    for (const s of sockets.splice(0)) s.ws.terminate();
  });

  const ws = (u: TestUser) => {
    const c = wsClient(app.url, u.token);
    clients.push(c);
    return c;
  };
  const raw = (opts: Parameters<typeof rawSocket>[1]) => {
    const s = rawSocket(app.url, opts);
    sockets.push(s);
    return s;
  };
  /** Runs `attack` while the bystander queries; the bystander must get every answer within 3 s. */
  const guarded = async <T>(attack: () => Promise<T>): Promise<T> => {
    const { result, bystander: b } = await underAttack(app.url, bystander, attack, 3000);
    expect(b.failures).toEqual([]);
    expect(b.latencies.length).toBeGreaterThan(0);
    return result;
  };
  const direct = async (a: TestUser, b: TestUser): Promise<string> => {
    const r = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
      { u: b.id },
      a.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!['openDirectConversation'].id;
  };
  /** What is stored in a conversation: its lastSeq and message ids. */
  const stored = async (u: TestUser, c: string) => {
    const r = await gql(
      app.url,
      `query($c: ID!) { conversation(id: $c) { lastSeq } messages(conversationId: $c, limit: 200) { messages { id text } } }`,
      { c },
      u.token,
    );
    expect(r.errors).toBeUndefined();
    return {
      lastSeq: r.data!['conversation'].lastSeq as number,
      texts: r.data!['messages'].messages.map((m: any) => m.text),
    };
  };
  const send = (u: TestUser, c: string, text: string, id = `m-${Math.random().toString(36).slice(2)}`) =>
    gql(app.url, SEND, { i: { conversationId: c, clientMessageId: id, text } }, u.token);
  const sendWs = (client: Client, c: string, text: string, id = `m-${Math.random().toString(36).slice(2)}`) =>
    wsRun(client, SEND, { i: { conversationId: c, clientMessageId: id, text } });

  return { app, ws, raw, guarded, direct, stored, send, sendWs };
}
