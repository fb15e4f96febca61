import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, record, wsClient, type Recorder } from '../support/client';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

const PRESENCE = `subscription($ids: [ID!]!) { presence(userIds: $ids) { userId presence { status lastSeenAt statusText } } }`;
const USER_PRESENCE = `query($id: ID!) { user(id: $id) { presence { status lastSeenAt } } }`;
const TTL_SECONDS = 3;

interface Change {
  userId: string;
  presence: { status: string; lastSeenAt: string | null; statusText: string | null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(needs('postgres', 'redis'))('presence across two nodes sharing PostgreSQL and Redis', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: NodeProcess;
  let b: NodeProcess;
  const clients: Client[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL!,
      JWT_SECRET: 'presence-test-secret-0123456789-abcdef',
      LOG_LEVEL: 'warn',
      PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
    };
    a = await spawnNode(env);
    b = await spawnNode(env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all([stopNode(a), stopNode(b)]);
    await db?.drop();
  }, 60_000);

  /** A signed-in device: a socket kept open by a subscription to the user's own presence. */
  function device(url: string, user: TestUser): { client: Client; rec: Recorder<Change> } {
    const client = wsClient(url, user.token);
    clients.push(client);
    return { client, rec: record<Change>(client, PRESENCE, { ids: [user.id] }, 'presence') };
  }

  /** Watches `ids` from a node and waits until the subscription is live. */
  async function watch(url: string, user: TestUser, ids: string[]): Promise<Recorder<Change>> {
    const client = wsClient(url, user.token);
    clients.push(client);
    const rec = record<Change>(client, PRESENCE, { ids }, 'presence');
    // The subscription sends nothing until a change, so nothing tells the client it is live: a
    // bounded wait is the only way short of changing the API.
    await sleep(500);
    expect(rec.errors).toEqual([]);
    return rec;
  }

  const statusOn = async (url: string, viewer: TestUser, id: string) =>
    (await gql(url, USER_PRESENCE, { id }, viewer.token)).data?.['user']?.presence as Change['presence'];

  it('shows a user connected to node A as ONLINE on node B, and OFFLINE with lastSeenAt after the socket closes', async () => {
    const [alice, bob] = [await signUp(a.url, 'alice'), await signUp(a.url, 'bob')];
    expect((await statusOn(b.url, bob, alice.id)).status).toBe('OFFLINE');
    const seen = await watch(b.url, bob, [alice.id]);
    const phone = device(a.url, alice);
    await seen.waitFor(1);
    expect(seen.events[0]).toMatchObject({ userId: alice.id, presence: { status: 'ONLINE', lastSeenAt: null } });
    expect((await statusOn(b.url, bob, alice.id)).status).toBe('ONLINE');

    const before = Date.now();
    await phone.client.dispose();
    await seen.waitFor(2);
    expect(seen.events[1]!.presence.status).toBe('OFFLINE');
    const lastSeen = Date.parse(seen.events[1]!.presence.lastSeenAt!);
    expect(lastSeen).toBeGreaterThanOrEqual(before - 1000);
    expect(lastSeen).toBeLessThanOrEqual(Date.now());
    expect(await statusOn(b.url, bob, alice.id)).toMatchObject({
      status: 'OFFLINE',
      lastSeenAt: seen.events[1]!.presence.lastSeenAt,
    });
  }, 30_000);

  it('keeps a user with devices on both nodes ONLINE until both close', async () => {
    const [alice, bob] = [await signUp(a.url, 'alice'), await signUp(a.url, 'bob')];
    const seen = await watch(b.url, bob, [alice.id]);
    const phone = device(a.url, alice);
    await seen.waitFor(1);
    const laptop = device(b.url, alice);
    // Alice is ONLINE already, so the laptop being counted changes nothing anyone can see: bounded.
    await sleep(800);
    expect(laptop.rec.errors).toEqual([]);
    await phone.client.dispose();
    // Longer than the TTL: heartbeats, not luck, keep the laptop's connection counted.
    await sleep(TTL_SECONDS * 1000 + 1000);
    expect(seen.events.map((e) => e.presence.status)).toEqual(['ONLINE']);
    expect((await statusOn(a.url, bob, alice.id)).status).toBe('ONLINE');
    await laptop.client.dispose();
    await seen.waitFor(2);
    expect(seen.events[1]!.presence.status).toBe('OFFLINE');
    expect(seen.events[1]!.presence.lastSeenAt).not.toBeNull();
  }, 30_000);

  it('hides a blocker from the blocked user on the other node at once: presence and typing', async () => {
    const [alice, bob] = [await signUp(a.url, 'alice'), await signUp(a.url, 'bob')];
    const dm = await gql(
      a.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
      { u: bob.id },
      alice.token,
    );
    const conversationId = dm.data!['openDirectConversation'].id as string;
    const seen = await watch(b.url, bob, [alice.id]);
    const typingClient = wsClient(b.url, bob.token);
    clients.push(typingClient);
    const typing = record(
      typingClient,
      `subscription($c: ID!) { typing(conversationId: $c) { count } }`,
      { c: conversationId },
      'typing',
    );
    await typing.waitFor(1);
    device(a.url, alice);
    await seen.waitFor(1);
    expect(seen.events[0]!.presence.status).toBe('ONLINE');

    // The block is stored through node A; node B's cache hears of it over Redis.
    const blocked = await gql(a.url, `mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: bob.id }, alice.token);
    expect(blocked.errors).toBeUndefined();
    await seen.waitFor(2);
    expect(seen.events[1]!.presence).toEqual({ status: 'OFFLINE', lastSeenAt: null, statusText: null });
    await gql(
      a.url,
      `mutation($c: ID!) { setTyping(conversationId: $c, typing: true) }`,
      { c: conversationId },
      alice.token,
    );
    await sleep(500);
    expect(typing.events.map((e) => e.count)).toEqual([0]);

    await gql(a.url, `mutation($u: ID!) { unblockUser(userId: $u) { id } }`, { u: bob.id }, alice.token);
    await seen.waitFor(3);
    expect(seen.events[2]!.presence.status).toBe('ONLINE');
    await typing.waitFor(2);
    expect(typing.events[1].count).toBe(1);
  }, 30_000);

  it('turns the users of a killed node OFFLINE within the TTL', async () => {
    const [alice, bob] = [await signUp(b.url, 'alice'), await signUp(b.url, 'bob')];
    const seen = await watch(b.url, bob, [alice.id]);
    device(a.url, alice);
    await seen.waitFor(1);
    expect(seen.events[0]!.presence.status).toBe('ONLINE');
    const killedAt = Date.now();
    a.kill('SIGKILL');
    await a.exited;
    await seen.waitFor(2, TTL_SECONDS * 1000 + 3000);
    const took = Date.now() - killedAt;
    expect(seen.events[1]!.presence.status).toBe('OFFLINE');
    expect(seen.events[1]!.presence.lastSeenAt).not.toBeNull();
    // The TTL bounds it; a little slack for the heartbeat and sweep timers of a loaded machine.
    expect(took).toBeLessThan(TTL_SECONDS * 1000 + 1500);
    expect((await statusOn(b.url, bob, alice.id)).status).toBe('OFFLINE');
  }, 30_000);
});
