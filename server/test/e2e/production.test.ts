import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, record, until, wsClient } from '../support/client';
import { TEST_REDIS_URL, createTestDatabase } from '../support/databases';
import { NODE24, needs } from '../support/needs';
import { seedPglite } from '../support/pglite-template';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp, type TestUser } from '../support/users';

// The production path: `npm start` is `node scripts/start.mjs`, which builds server/dist when it is
// missing or stale and runs it with node. The tests here share that build, so they live in one file:
// Vitest runs a file's tests one after the other, never two builds at once.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NPM_START = ['scripts/start.mjs'];
// A cold build and a first embedded start (PGlite's initdb) take a while on a busy machine.
const START_MS = 180_000;

const OPEN = `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;
const EVENTS = `subscription($c: ID!, $a: Int) { conversationEvents(conversationId: $c, afterSeq: $a) {
  seq __typename ... on MessageAdded { message { text } } } }`;

/** The JSON lines the node's processes logged. */
function logLines(node: NodeProcess): Record<string, any>[] {
  return node
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });
}
const linesSaying = (node: NodeProcess, msg: string) => logLines(node).filter((l) => l['msg'] === msg);
/** Process ids of the servers that listened, in order. */
const listeningPids = (node: NodeProcess) => linesSaying(node, 'Parley is listening').map((l) => l['pid'] as number);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-prod-'));
  // An app directory of our own, so start.mjs serves it instead of building the PWA and the explorer.
  await mkdir(path.join(dir, 'app'));
  await writeFile(path.join(dir, 'app', 'index.html'), '<!doctype html><title>Parley test app</title>');
  return dir;
}
const webApps = (dir: string) => ({
  CLIENT_DIST_DIR: path.join(dir, 'app'),
  EXPLORER_DIST_DIR: path.join(dir, 'app'),
});

/** Alice and Bob in a direct conversation, Bob subscribed to it over WebSocket from its start. */
async function conversation(url: string) {
  const alice = await signUp(url, 'alice');
  const bob = await signUp(url, 'bob');
  const opened = await gql(url, OPEN, { u: bob.id }, alice.token);
  expect(opened.errors).toBeUndefined();
  const conversationId: string = opened.data!['openDirectConversation'].id;
  const client = wsClient(url, bob.token);
  const received = record<any>(client, EVENTS, { c: conversationId, a: 0 }, 'conversationEvents');
  const texts = () => received.events.filter((e) => e.__typename === 'MessageAdded').map((e) => e.message.text);
  return { alice, conversationId, texts, close: () => client.dispose() };
}

/** A sign-up, a message and its delivery over WebSocket. */
async function chatRoundTrip(url: string): Promise<void> {
  const chat = await conversation(url);
  try {
    const sent = await gql(
      url,
      SEND,
      { i: { conversationId: chat.conversationId, clientMessageId: 'hello', text: 'hello over the wire' } },
      chat.alice.token,
    );
    expect(sent.errors).toBeUndefined();
    await until(() => chat.texts().includes('hello over the wire'));
  } finally {
    await chat.close();
  }
}

describe('npm start', () => {
  let dir: string;
  let node: NodeProcess;
  beforeAll(async () => {
    dir = await tempDir();
    // On a copy of the migrated template: creating the embedded database is the Node 24 test's part.
    await seedPglite(path.join(dir, 'data'));
    node = await spawnNode({ DATA_DIR: path.join(dir, 'data'), ...webApps(dir) }, START_MS, { args: NPM_START });
  }, START_MS);
  afterAll(async () => {
    await stopNode(node);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the compiled server with node, not the TypeScript sources through tsx', async () => {
    await until(() => listeningPids(node).length === 1);
    const args = (await readFile(`/proc/${listeningPids(node)[0]}/cmdline`, 'utf8')).split('\0');
    expect(args).toContain(path.join(ROOT, 'server/dist/main.js'));
    expect(args.join(' ')).not.toMatch(/tsx|\.ts\b/);
  });

  it('answers /healthz, signs up, sends and delivers over WebSocket', async () => {
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    await chatRoundTrip(node.url);
  });

  it('serves the web app from the configured directory', async () => {
    const page = await fetch(`${node.url}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('Parley test app');
  });
});

describe.skipIf(needs('node24'))('Node 24', () => {
  it(
    'runs the compiled server on the embedded default: sign-up, send, receive over WebSocket',
    async () => {
      // A fresh data directory, as a first `npm start` has: PGlite creates its database under Node 24.
      const dir = await tempDir();
      const node = await spawnNode({ DATA_DIR: path.join(dir, 'data'), ...webApps(dir) }, START_MS, {
        node: NODE24!,
        args: NPM_START,
      });
      try {
        await until(() => listeningPids(node).length === 1);
        expect(linesSaying(node, 'Parley is listening')[0]!['node']).toMatch(/^v24\./);
        await chatRoundTrip(node.url);
      } finally {
        await stopNode(node);
        await rm(dir, { recursive: true, force: true });
      }
    },
    START_MS,
  );
});

/** POSTs an operation on a connection of its own, so the cluster hands it to the next worker. */
function postAlone(url: string, body: object, token: string, requestId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(needs('postgres', 'redis'))('WORKERS=2 with PostgreSQL and Redis', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let node: NodeProcess;
  beforeAll(async () => {
    dir = await tempDir();
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL!,
      JWT_SECRET: 'workers-test-secret-0123456789-abcdef',
      WORKERS: '2',
      // A successful operation's line, which tells the worker that served it, is written at debug.
      LOG_LEVEL: 'debug',
      ...webApps(dir),
    };
    node = await spawnNode(env, START_MS, { args: NPM_START });
    await until(() => listeningPids(node).length === 2, 60_000);
  }, START_MS);
  afterAll(async () => {
    await stopNode(node);
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves from both workers, which share events through Redis', async () => {
    const workers = listeningPids(node);
    expect(new Set(workers).size).toBe(2);
    const chat = await conversation(node.url);
    try {
      // Connections are handed to the workers in turn: send on new ones until both have taken some.
      const servedBy = new Set<number>();
      const texts: string[] = [];
      for (let k = 0; servedBy.size < 2 && k < 20; k++) {
        const text = `message ${k}`;
        const i = { conversationId: chat.conversationId, clientMessageId: `m${k}`, text };
        expect(await postAlone(node.url, { query: SEND, variables: { i } }, chat.alice.token, `send-${k}`)).toBe(200);
        texts.push(text);
        const served = () => linesSaying(node, 'graphql').find((l) => l['requestId'] === `send-${k}`);
        await until(() => served() !== undefined);
        servedBy.add(served()!['pid']);
      }
      expect([...servedBy].sort()).toEqual([...workers].sort());
      // Bob's socket is on one worker: what the other stored reached him through Redis.
      await until(() => texts.every((t) => chat.texts().includes(t)));
      expect(chat.texts()).toEqual(texts);
    } finally {
      await chat.close();
    }
  });

  it('replaces a worker that dies', async () => {
    const [victim, survivor] = listeningPids(node) as [number, number];
    process.kill(victim, 'SIGKILL');
    await until(() => listeningPids(node).length === 3, 60_000);
    const replacement = listeningPids(node)[2]!;
    expect([victim, survivor]).not.toContain(replacement);
    expect(linesSaying(node, 'worker exited; starting another')).toMatchObject([{ worker: victim, signal: 'SIGKILL' }]);
    const user: TestUser = await signUp(node.url, 'after');
    expect(user.token).toBeTruthy();
  });

  it('stops the primary and every worker on SIGTERM, each shutting down gracefully', async () => {
    const primary = linesSaying(node, 'starting workers')[0]!['pid'] as number;
    const workers = listeningPids(node).slice(1);
    expect(workers.every(alive)).toBe(true);
    node.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    await until(() => ![primary, ...workers].some(alive));
    const stopped = linesSaying(node, 'stopped').map((l) => l['pid']);
    expect(stopped.sort()).toEqual([...workers].sort());
  });
});
