// The three servers the fan-out benchmark compares, each started as a fresh process and reached through
// the same `FanoutTarget` shape: raw ws broadcast, the tutorial stack, and Parley.
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { TEST_REDIS_URL, createTestDatabase, signUp, spawnNode, type NodeProcess } from '@parley/server/testing';
import type { FanoutTarget } from './fanout.ladder';
import { INSPECT, heapAfterGc } from './heap.probe';
import { gql, parleyServer } from './support';

// FANOUT_CPU_PROF=<dir> writes each server's CPU profile there when it stops (`node --cpu-prof`);
// FANOUT_NODE_ARGS adds flags to each server's node (`--perf-basic-prof-only-functions` for `perf`).
const PROFILE = [
  ...(process.env['FANOUT_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['FANOUT_CPU_PROF']}`] : []),
  ...(process.env['FANOUT_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
];
// FANOUT_NODE=<node binary> runs every server on that Node (the production image's is Node 24).
const NODE = process.env['FANOUT_NODE'] ? { node: process.env['FANOUT_NODE'] } : {};
const PEER = (file: string) => ({ ...NODE, args: [...PROFILE, ...INSPECT, '--import', 'tsx', `bench/peers/${file}`] });
const GRAPHQL_WS = 'graphql-transport-ws';
/** Parley holds this many sockets per user, so a group of 100 sockets is 5 members. */
const SOCKETS_PER_USER = 20;

const wsUrl = (node: NodeProcess, path: string) => `${node.url.replace('http', 'ws')}${path}`;
const stopper = (node: NodeProcess, after?: () => Promise<void>) => async () => {
  node.kill();
  await node.exited;
  await after?.();
};

async function post(url: string, body: object, token?: string): Promise<void> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`${res.statusCode} ${text.slice(0, 200)}`);
}

export async function rawWsTarget(groups: number, groupSize: number): Promise<FanoutTarget> {
  const node = await spawnNode({}, 60_000, PEER('raw-ws.peer.ts'));
  return {
    name: 'raw ws broadcast',
    pid: node.child.pid!,
    heap: () => heapAfterGc(node.output),
    groups,
    groupSize,
    socket: (g) => ({ url: wsUrl(node, `/ws?group=g${g}`) }),
    send: (g, text) => post(`${node.url}/send`, { group: `g${g}`, text }),
    stop: stopper(node),
  };
}

export async function tutorialTarget(groups: number, groupSize: number): Promise<FanoutTarget> {
  const db = await createTestDatabase();
  const node = await spawnNode(
    { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    60_000,
    PEER('tutorial-stack.peer.ts'),
  ).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  const subscription = 'subscription($g: ID!) { messageAdded(groupId: $g) { id groupId text createdAt } }';
  return {
    name: 'tutorial stack',
    pid: node.child.pid!,
    heap: () => heapAfterGc(node.output),
    groups,
    groupSize,
    socket: (g, i) => ({
      url: wsUrl(node, '/graphql'),
      protocol: GRAPHQL_WS,
      init: JSON.stringify({ type: 'connection_init' }),
      subscribe: JSON.stringify({
        id: `s${i}`,
        type: 'subscribe',
        payload: { query: subscription, variables: { g: `g${g}` } },
      }),
    }),
    send: (g, text) =>
      post(`${node.url}/graphql`, {
        query: 'mutation($g: ID!, $t: String!) { sendMessage(groupId: $g, text: $t) { id } }',
        variables: { g: `g${g}`, t: text },
      }),
    stop: stopper(node, () => db.drop()),
  };
}

/**
 * Parley in cluster mode (PostgreSQL + Redis), rate limits relaxed for the load: one process, or
 * `workers` processes on one port as `WORKERS` runs them (one per core is its default). `server`:
 * the compiled server to run, this checkout's by default.
 */
export async function parleyTarget(
  groups: number,
  groupSize: number,
  workers = 1,
  server = parleyServer(),
): Promise<FanoutTarget> {
  if (!TEST_REDIS_URL) throw new Error('TEST_REDIS_URL is not set');
  const db = await createTestDatabase();
  const node = await spawnNode(
    {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      WORKERS: String(workers),
    },
    60_000,
    { ...NODE, args: [...PROFILE, ...INSPECT, ...server] },
  ).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  const membersPerGroup = Math.ceil(groupSize / SOCKETS_PER_USER);
  const conversations: { id: string; owner: string; tokens: string[] }[] = [];
  for (let g = 0; g < groups; g++) {
    const members = await Promise.all(Array.from({ length: membersPerGroup }, () => signUp(node.url, `fan${g}`)));
    const created = await gql(
      node.url,
      'mutation($m: [ID!]!) { createGroup(input: { title: "fan-out", memberIds: $m }) { id } }',
      { m: members.slice(1).map((u) => u.id) },
      members[0]!.token,
    );
    conversations.push({ id: created.createGroup.id, owner: members[0]!.token, tokens: members.map((m) => m.token) });
  }
  const subscription =
    'subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { id text sender { displayName } } } } }';
  let key = 0;
  return {
    name: workers === 1 ? 'Parley (PostgreSQL + Redis)' : `Parley (PostgreSQL + Redis), ${workers} workers`,
    pid: node.child.pid!,
    heap: () => heapAfterGc(node.output),
    groups,
    groupSize,
    socket: (g, i) => {
      const c = conversations[g]!;
      return {
        url: wsUrl(node, '/graphql'),
        protocol: GRAPHQL_WS,
        init: JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${c.tokens[i % c.tokens.length]}` },
        }),
        subscribe: JSON.stringify({
          id: 's1',
          type: 'subscribe',
          payload: { query: subscription, variables: { c: c.id } },
        }),
      };
    },
    send: (g, text) =>
      post(
        `${node.url}/graphql`,
        {
          query:
            'mutation($c: ID!, $k: ID!, $t: String!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: $t }) { seq } }',
          variables: { c: conversations[g]!.id, k: `b${key++}`, t: text },
        },
        conversations[g]!.owner,
      ),
    stop: stopper(node, () => db.drop()),
  };
}
