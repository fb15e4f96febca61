import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, record, until, wsClient, type Recorder } from '../support/client';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_REDIS_URL } from '../support/databases';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const TYPING = `subscription($c: ID!) { typing(conversationId: $c) { conversationId count users { id username } } }`;
const SET_TYPING = `mutation($c: ID!, $t: Boolean!) { setTyping(conversationId: $c, typing: $t) }`;
const TTL_MS = 1200;
const THROTTLE_MS = 800;

interface Typing {
  conversationId: string;
  count: number;
  users: { id: string; username: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Cluster mode on one node: the typing channel goes through Redis, where the test can count publishes.
describe.skipIf(needs('postgres', 'redis'))('typing indicators', () => {
  let app: TestApp;
  const clients: Client[] = [];
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let stranger: TestUser;
  let direct: string;
  let group: string;

  beforeAll(async () => {
    app = await startTestApp('postgres', {
      REDIS_URL: TEST_REDIS_URL!,
      TYPING_TTL_MS: String(TTL_MS),
      TYPING_THROTTLE_MS: String(THROTTLE_MS),
      TYPING_FULL_LIST_MAX_MEMBERS: '2',
    });
    [alice, bob, carol, stranger] = await Promise.all([
      signUp(app.url, 'alice'),
      signUp(app.url, 'bob'),
      signUp(app.url, 'carol'),
      signUp(app.url, 'stan'),
    ]);
    const d = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
      { u: bob.id },
      alice.token,
    );
    direct = d.data!['openDirectConversation'].id;
    const g = await gql(
      app.url,
      `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
      { i: { title: 'Team', memberIds: [bob.id, carol.id] } },
      alice.token,
    );
    group = g.data!['createGroup'].id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await app?.stop();
  }, 60_000);

  const setTyping = (u: TestUser, c: string, t: boolean) => gql(app.url, SET_TYPING, { c, t }, u.token);

  async function watch(user: TestUser, conversationId: string): Promise<Recorder<Typing>> {
    const c = wsClient(app.url, user.token);
    clients.push(c);
    const rec = record<Typing>(c, TYPING, { c: conversationId }, 'typing');
    await rec.waitFor(1);
    expect(rec.events[0]).toEqual({ conversationId, count: 0, users: [] });
    return rec;
  }

  it('shows a typist to the other member and ends the state after the timeout without a refresh', async () => {
    const seen = await watch(bob, direct);
    const started = Date.now();
    expect((await setTyping(alice, direct, true)).data?.['setTyping']).toBe(true);
    await seen.waitFor(2);
    expect(seen.events[1]).toEqual({
      conversationId: direct,
      count: 1,
      users: [{ id: alice.id, username: alice.username }],
    });
    await seen.waitFor(3, TTL_MS + 3000);
    const took = Date.now() - started;
    expect(seen.events[2]).toMatchObject({ count: 0, users: [] });
    expect(took).toBeGreaterThanOrEqual(TTL_MS - 100);
  });

  it('keeps a refreshed state alive and ends it when the typist sends a message', async () => {
    const seen = await watch(bob, direct);
    // Real time on purpose: the server's TTL timer is what is under test.
    for (let i = 0; i < 4; i++) {
      await setTyping(alice, direct, true);
      await sleep(TTL_MS / 2);
    }
    // Refreshed for twice the timeout: still typing, one start seen.
    expect(seen.events.map((e) => e.count)).toEqual([0, 1]);
    // A last refresh puts the TTL a whole TTL_MS away, so an end well before it comes from the send.
    await setTyping(alice, direct, true);
    const sentAt = Date.now();
    const sent = await gql(
      app.url,
      `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`,
      { i: { conversationId: direct, clientMessageId: `m-${Date.now()}`, text: 'hello' } },
      alice.token,
    );
    expect(sent.errors).toBeUndefined();
    await seen.waitFor(3);
    expect(seen.events[2]!.count).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(TTL_MS);
  });

  it('broadcasts a user’s start at most once per throttle window however often it is called', async () => {
    const channel = `parley:typing:${direct}`;
    const sub = new Redis(TEST_REDIS_URL!);
    const pub = new Redis(TEST_REDIS_URL!);
    const published: { typing: boolean }[] = [];
    let markers = 0;
    try {
      await sub.subscribe(channel);
      sub.on('message', (_ch, msg) => {
        const m = JSON.parse(msg);
        if (m.marker) markers++;
        else published.push(m);
      });
      for (let i = 0; i < 4; i++) await setTyping(bob, direct, true);
      // Each call answers after its publish reached Redis, so a marker published now is delivered
      // after all of them: when it is in, everything the calls published is.
      await pub.publish(channel, JSON.stringify({ marker: true }));
      await until(() => markers === 1, 2000);
      expect(published.filter((m) => m.typing)).toHaveLength(1);
      // Typing on, in real time: these are the server's clocks. A start goes out at most every
      // THROTTLE_MS, a state lives TTL_MS after its last refresh, and a user may call 5 times a second.
      // So a refresh at 400 ms keeps the state alive (else the next start would be a new one, not a
      // re-broadcast), and the call at 1000 ms, past the throttle and rate windows, goes out again.
      await sleep(400);
      await setTyping(bob, direct, true);
      await sleep(600);
      expect(codeOf(await setTyping(bob, direct, true))).toBeUndefined();
      await until(() => published.length === 2, 2000);
      expect(published.map((m) => m.typing)).toEqual([true, true]);
      await setTyping(bob, direct, false);
      await until(() => published.length === 3, 2000);
      expect(published[2]!.typing).toBe(false);
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });

  it('sends only the count in groups above the full-list threshold', async () => {
    const seen = await watch(bob, group);
    await setTyping(alice, group, true);
    await setTyping(carol, group, true);
    await until(() => seen.events.at(-1)?.count === 2, 5000);
    expect(seen.events.at(-1)).toEqual({ conversationId: group, count: 2, users: [] });
    // The viewer is never in their own count: after bob starts and alice stops, bob sees 1. Had bob
    // counted, he would see 3 and then 2, never 1.
    await setTyping(bob, group, true);
    await setTyping(alice, group, false);
    await until(() => seen.events.at(-1)?.count !== 2, 5000);
    expect(seen.events.at(-1)!.count).toBe(1);
    expect(seen.events.map((e) => e.count)).not.toContain(3);
    await Promise.all([alice, bob, carol].map((u) => setTyping(u, group, false)));
    await until(() => seen.events.at(-1)?.count === 0, 5000);
  });

  it('refuses non-members', async () => {
    expect(codeOf(await setTyping(stranger, direct, true))).toBe('NOT_FOUND');
    expect(codeOf(await setTyping(stranger, direct, false))).toBe('NOT_FOUND');
    const c = wsClient(app.url, stranger.token);
    clients.push(c);
    const rec = record(c, TYPING, { c: direct }, 'typing');
    await rec.ended();
    expect(JSON.stringify(rec.errors)).toContain('NOT_FOUND');
    expect(rec.events).toEqual([]);
  });

  it('limits setTyping to 5 calls per second per user', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => setTyping(carol, group, true)));
    expect(results.filter((r) => codeOf(r) === 'RATE_LIMITED').length).toBeGreaterThan(0);
    // Real time on purpose: the limiter's one-second window runs on the server's clock.
    await sleep(1100);
    expect(codeOf(await setTyping(carol, group, false))).toBeUndefined();
  });
});
