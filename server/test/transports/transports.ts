import { createClient as createSseClient } from 'graphql-sse';
import { gql, record, wsClient, type Recorder } from '../support/client';
import type { TestUser } from '../support/users';

/** What every transport delivers: conversation events, by seq. */
export interface Ev {
  __typename: string;
  seq: number;
  conversationId: string;
  message?: { id: string; text: string | null };
  user?: { id: string };
}

const EVENT = `__typename conversationId seq
  ... on MessageAdded { message { id text } } ... on MessageUpdated { message { id text } } ... on MemberLeft { user { id } }`;
const CONV = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) { ${EVENT} } }`;
const POLL = `query($c: ID!, $a: Int!, $w: Int) { pollConversationEvents(conversationId: $c, afterSeq: $a, waitMs: $w) {
  events { ${EVENT} } lastSeq } }`;

/** A way for a client to receive a conversation's events; `afterSeq` null means live from now. */
export interface EventTransport {
  name: string;
  follow(baseUrl: string, user: TestUser, conversationId: string, afterSeq: number | null): Recorder<Ev>;
}

/** A recorder fed by hand. */
function recorder(stop: () => void): Recorder<Ev> {
  const r: Recorder<Ev> = {
    events: [],
    errors: [],
    completed: false,
    async waitFor(n, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (r.events.length < n && r.errors.length === 0 && !r.completed) {
        if (Date.now() > end) throw new Error(`got ${r.events.length} of ${n} events within ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 10));
      }
      return r.events;
    },
    async ended(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (!r.completed && r.errors.length === 0) {
        if (Date.now() > end) throw new Error(`not ended within ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 10));
      }
    },
    stop,
  };
  return r;
}

export const webSocket: EventTransport = {
  name: 'WebSocket',
  follow: (url, user, c, a) => record<Ev>(wsClient(url, user.token), CONV, { c, a }, 'conversationEvents'),
};

export const sse: EventTransport = {
  name: 'SSE',
  follow(url, user, c, a) {
    const client = createSseClient({
      url: `${url}/graphql/stream`,
      headers: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    const r = recorder(() => {
      dispose();
      client.dispose();
    });
    const dispose = client.subscribe(
      { query: CONV, variables: { c, a } },
      {
        next: (v) => {
          if (v.errors) r.errors.push(v.errors);
          else r.events.push((v.data as { conversationEvents: Ev }).conversationEvents);
        },
        error: (e) => r.errors.push(e),
        complete: () => (r.completed = true),
      },
    );
    return r;
  },
};

export const longPoll: EventTransport = {
  name: 'long-poll',
  follow(url, user, c, a) {
    let stopped = false;
    const r = recorder(() => (stopped = true));
    void (async () => {
      // Live from now means: from the conversation's current seq.
      let after =
        a ??
        (await gql(url, 'query($c: ID!) { conversation(id: $c) { lastSeq } }', { c }, user.token)).data?.[
          'conversation'
        ]?.lastSeq;
      if (after === undefined) return void r.errors.push([{ extensions: { code: 'NOT_FOUND' } }]);
      while (!stopped) {
        const res = await gql(url, POLL, { c, a: after, w: 1000 }, user.token);
        if (stopped) return;
        if (res.errors) return void r.errors.push(res.errors);
        const batch = res.data!['pollConversationEvents'] as { events: Ev[]; lastSeq: number };
        r.events.push(...batch.events);
        after = batch.lastSeq;
        if (batch.events.some((e) => e.__typename === 'MemberLeft' && e.user?.id === user.id))
          return void (r.completed = true);
      }
    })();
    return r;
  },
};

/** Every transport, for suites that hold all of them to the same semantics. */
export const TRANSPORTS = [webSocket, sse, longPoll];
