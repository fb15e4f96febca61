import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { gql } from './client';
import type { TestUser } from './users';

/** The documented defaults of every limit, to undo RELAXED_LIMITS where the limit is under test. */
export const DEFAULT_LIMITS: Record<string, string> = {
  MAX_DEPTH: '10',
  MAX_ALIASES: '15',
  MAX_TOKENS: '5000',
  MAX_DIRECTIVES: '50',
  MAX_COST: '20000',
  MAX_BODY_BYTES: String(1_048_576),
  WS_MAX_PAYLOAD_BYTES: String(65_536),
  WS_MAX_SUBSCRIPTIONS: '100',
  WS_MAX_SOCKETS_PER_USER: '20',
  WS_MAX_BUFFERED_BYTES: String(4 * 1_048_576),
  WS_OPERATIONS_PER_SECOND: '50',
  RATE_SEND_PER_SECOND: '10',
  RATE_SEND_BURST: '20',
  RATE_DUPLICATE_MAX: '5',
  RATE_SIGNUP_PER_IP_PER_HOUR: '50',
  RATE_LOGIN_PER_IP_PER_MINUTE: '30',
  RATE_FAILED_LOGINS_PER_USERNAME: '10',
};

/** A GraphQL result as both transports give it. */
export interface OpResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** Runs one operation over a graphql-ws client and resolves with its last result or its errors. */
export function wsRun(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<OpResult> {
  return new Promise((resolve) => {
    let result: OpResult = {};
    client.subscribe(
      { query, variables },
      {
        next: (v) => (result = v as OpResult),
        error: (e) =>
          resolve({
            errors: Array.isArray(e)
              ? e
              : [
                  {
                    message: String((e as { reason?: string }).reason ?? e),
                    extensions: { closeCode: (e as { code?: number }).code },
                  },
                ],
          }),
        complete: () => resolve(result),
      },
    );
  });
}

/** A `graphql-transport-ws` socket driven message by message, for the tests that misbehave. */
export interface RawSocket {
  ws: WebSocket;
  /** Messages received so far (pings answered and not recorded). */
  messages: any[];
  /** Bytes of `next` payloads received. */
  bytes: number;
  /** Resolves on `connection_ack`; rejects if the socket closes first. */
  acked: Promise<void>;
  /** Resolves with the close code (or the HTTP status, negated, when the upgrade was refused). */
  closed: Promise<{ code: number; reason: string }>;
  closeCode?: number;
  send(message: unknown): void;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
}

/** Opens a raw socket; sends `connection_init` with `token` unless `init` is false. */
export function rawSocket(baseUrl: string, opts: { token?: string; init?: boolean; origin?: string } = {}): RawSocket {
  const ws = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    'graphql-transport-ws',
    opts.origin ? { origin: opts.origin } : {},
  );
  let onAck!: () => void;
  let onAckFail!: (e: Error) => void;
  let onClose!: (v: { code: number; reason: string }) => void;
  const s: RawSocket = {
    ws,
    messages: [],
    bytes: 0,
    acked: new Promise<void>((res, rej) => ((onAck = res), (onAckFail = rej))),
    closed: new Promise((res) => (onClose = res)),
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    subscribe: (id, query, variables = {}) => s.send({ id, type: 'subscribe', payload: { query, variables } }),
  };
  s.acked.catch(() => undefined);
  const finish = (code: number, reason: string) => {
    if (s.closeCode !== undefined) return;
    s.closeCode = code;
    onAckFail(new Error(`closed ${code} ${reason}`));
    onClose({ code, reason });
  };
  ws.on('open', () => {
    if (opts.init === false) return;
    s.send({ type: 'connection_init', payload: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
  });
  ws.on('message', (data: WebSocket.RawData) => {
    const text = data.toString();
    const m = JSON.parse(text);
    if (m.type === 'ping') return s.send({ type: 'pong' });
    if (m.type === 'connection_ack') onAck();
    if (m.type === 'next') s.bytes += text.length;
    s.messages.push(m);
  });
  ws.on('unexpected-response', (_req, res) => {
    finish(-(res.statusCode ?? 0), res.statusMessage ?? '');
    ws.terminate();
  });
  ws.on('close', (code, reason) => finish(code, reason.toString()));
  ws.on('error', () => undefined);
  return s;
}

/** The well-behaved client: `{ me { id } }` in a loop until `attack` settles. */
export interface Bystander {
  latencies: number[];
  failures: string[];
}

/**
 * Runs `attack` while a well-behaved user queries `{ me { id } }` back to back, at least once,
 * and returns the attack's outcome with the bystander's latencies and failures.
 */
export async function underAttack<T>(
  baseUrl: string,
  user: TestUser,
  attack: () => Promise<T>,
  timeoutMs = 5000,
): Promise<{ result: T; bystander: Bystander }> {
  let done = false;
  const running = attack().finally(() => (done = true));
  running.catch(() => undefined);
  const bystander: Bystander = { latencies: [], failures: [] };
  do {
    const t = performance.now();
    const r = await Promise.race([
      gql(baseUrl, `{ me { id } }`, {}, user.token).catch((e: Error) => ({
        data: null,
        errors: [{ message: e.message }],
      })),
      new Promise<null>((res) => setTimeout(() => res(null), timeoutMs)),
    ]);
    bystander.latencies.push(performance.now() - t);
    if (!r) bystander.failures.push(`no answer within ${timeoutMs} ms`);
    else if (r.data?.['me']?.id !== user.id) bystander.failures.push(JSON.stringify(r.errors ?? r.data));
  } while (!done);
  return { result: await running, bystander };
}

/** The `q` quantile (0..1) of `values`. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Attack documents. */
export const attacks = {
  /** `n` aliased sendMessage calls in one mutation. */
  aliasFlood: (n: number) =>
    `mutation($c: ID!) { ${Array.from(
      { length: n },
      (_, i) =>
        `m${i}: sendMessage(input: { conversationId: $c, clientMessageId: "alias-${i}", text: "flood ${i}" }) { id }`,
    ).join(' ')} }`,
  /** replyTo nested `n` levels below messages. */
  depthBomb: (n: number) =>
    `query($c: ID!) { messages(conversationId: $c) { messages { ${'replyTo { '.repeat(n)}id${' }'.repeat(n)} } } }`,
  fragmentCycle: `query($c: ID!) { messages(conversationId: $c) { messages { ...A } } }
    fragment A on Message { id replyTo { ...B } }
    fragment B on Message { id replyTo { ...A } }`,
  /** A document of about `n` tokens. */
  tokenFlood: (n: number) => `{ me { ${'id '.repeat(n)}} }`,
  /** `n` directives on one field. */
  directiveFlood: (n: number) => `{ me { id ${'@include(if: true) '.repeat(n)}} }`,
  /** Nested lists of 200 each: far over the cost limit. */
  costly: `{ conversations(first: 200) { conversations { id members(first: 200) { user { id username } } } } }`,
};
