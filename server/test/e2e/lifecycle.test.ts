import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createParley, type ParleyApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { gql, until } from '../support/client';
import { TEST_DATABASE_URL, createTestDatabase } from '../support/databases';
import { spawnNode, type NodeProcess } from '../support/process';
import { signUp } from '../support/users';
import { needs } from '../support/needs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const JWT_SECRET = 'lifecycle-secret-lifecycle-secret-0123456';

// Everything a test starts is undone here, also when an assertion fails half-way.
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-e2e-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function startNode(env: Record<string, string>): Promise<NodeProcess> {
  const node = await spawnNode(env);
  cleanups.push(async () => {
    if (node.child.exitCode === null && node.child.signalCode === null) {
      node.kill('SIGKILL');
      await node.exited;
    }
  });
  return node;
}

/** Storage for a throwaway node: a fresh PostgreSQL database when available (faster), else embedded. */
async function storageEnv(): Promise<Record<string, string>> {
  if (TEST_DATABASE_URL) {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    return { DATABASE_URL: db.url, JWT_SECRET };
  }
  return { DATA_DIR: await tempDir() };
}

// Process tests spawn real nodes; an embedded first start compiles PGlite and runs initdb, which takes
// several times longer on a busy machine, so their timeouts are generous.
const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)),
  ]);

/**
 * Posts a GraphQL operation with `Expect: 100-continue` and resolves once the server has taken the
 * request (its `100 Continue` comes from the handler being called) and the body is sent: from then
 * on the request is in flight, however slow the machine. `response` settles with the answer.
 */
function postTaken(url: string, query: string): Promise<{ response: Promise<{ status?: number; body: any }> }> {
  const body = JSON.stringify({ query });
  const req = request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const response = new Promise<{ status?: number; body: any }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      res.on('error', reject);
    });
  });
  return new Promise((resolve, reject) => {
    req.once('error', reject);
    req.on('continue', () => req.end(body, () => resolve({ response })));
    req.flushHeaders();
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM closes open sockets with 1001 and exits 0 within 10 s', async () => {
    const node = await startNode(await storageEnv());
    const user = await signUp(node.url, 'term');
    let closeCode: number | undefined;
    let connected = false;
    const client = createClient({
      url: `${node.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
      lazy: false,
      // The 1001 close is the expected outcome here, not an error to print.
      onNonLazyError: () => undefined,
      on: {
        connected: () => (connected = true),
        closed: (e) => (closeCode = (e as { code: number }).code),
      },
    });
    cleanups.push(() => client.dispose());
    const subErrors: unknown[] = [];
    client.subscribe(
      { query: 'subscription { inboxEvents { seq } }' },
      { next: () => undefined, error: (e) => subErrors.push(e), complete: () => undefined },
    );
    await until(() => connected, 5000);
    // Give the server a moment to register the subscription through a round trip on another request.
    expect((await gql(node.url, '{ me { id } }', {}, user.token)).data).toEqual({ me: { id: user.id } });

    const started = Date.now();
    node.kill('SIGTERM');
    const code = await withTimeout(node.exited, 10_000, 'the process did not exit');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await until(() => closeCode !== undefined, 2000);
    expect(closeCode).toBe(1001);
    expect(node.output()).toMatch(/"msg":"stopped"/);
    expect(node.output()).not.toMatch(/deadline passed/);
  }, 120_000);

  it('finishes an in-flight request before exiting', async () => {
    const node = await startNode(await storageEnv());
    // A sign-up hashes a password, so it is still running when the signal arrives; the signal is
    // sent once the server has taken the request, not after a guess of how long that takes.
    const { response } = await postTaken(
      node.url,
      `mutation { signUp(input: { username: "inflight_user", password: "correct horse" }) { user { id } } }`,
    );
    node.kill('SIGTERM');
    const r = await response;
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.signUp.user.id).toEqual(expect.any(String));
    expect(await withTimeout(node.exited, 10_000, 'the process did not exit')).toBe(0);
  }, 120_000);
});

describe('embedded mode', () => {
  it('keeps users, sessions and its JWT secret across a restart', async () => {
    const dataDir = await tempDir();
    const first = await startNode({ DATA_DIR: dataDir });
    const user = await signUp(first.url, 'persist');
    first.kill('SIGTERM');
    expect(await withTimeout(first.exited, 10_000, 'the process did not exit')).toBe(0);
    // The generated secret is readable by its owner only.
    expect((await stat(path.join(dataDir, 'jwt-secret'))).mode & 0o077).toBe(0);

    const second = await startNode({ DATA_DIR: dataDir });
    const me = await gql(second.url, '{ me { id username } }', {}, user.token);
    expect(me.data).toEqual({ me: { id: user.id, username: user.username } });
    const login = await gql(
      second.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { user { id } } }`,
      { u: user.username },
    );
    expect(login.data!['logIn'].user.id).toBe(user.id);
    const refreshed = await gql(
      second.url,
      `mutation($t: String!) { refreshSession(refreshToken: $t) { user { id } } }`,
      { t: user.refreshToken },
    );
    expect(refreshed.data!['refreshSession'].user.id).toBe(user.id);
    second.kill('SIGTERM');
    expect(await withTimeout(second.exited, 10_000, 'the process did not exit')).toBe(0);
  }, 180_000);
});

/** A TCP forwarder to PostgreSQL that a test can cut, as a network failure would. */
async function startProxy(target: { host: string; port: number }, port = 0) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(target.port, target.host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

describe.skipIf(needs('postgres'))('readiness with PostgreSQL', () => {
  it('/readyz turns 503 while PostgreSQL is unreachable and 200 again after, /healthz stays 200', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const real = new URL(db.url);
    const target = { host: real.hostname, port: Number(real.port || 5432) };
    let proxy = await startProxy(target);
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: viaProxy.toString(),
      JWT_SECRET,
      DATA_DIR: await tempDir(),
    });
    const app: ParleyApp = await createParley(config, { log: createLogger('silent') });
    cleanups.push(() => app.dispose());
    const status = async (p: string) => (await fetch(`${app.url}${p}`)).status;

    expect(await status('/readyz')).toBe(200);
    await proxy.close();
    let ready = 200;
    const end = Date.now() + 10_000;
    while (ready !== 503 && Date.now() < end) {
      ready = await status('/readyz');
      if (ready !== 503) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toBe(503);
    expect(await status('/healthz')).toBe(200);

    proxy = await startProxy(target, proxy.port);
    const back = Date.now() + 10_000;
    while (ready !== 200 && Date.now() < back) {
      await new Promise((r) => setTimeout(r, 50));
      ready = await status('/readyz');
    }
    expect(ready).toBe(200);
  });
});

describe('bad configuration', () => {
  /** Runs main.ts with `env` and collects its exit code and output. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('exit', (code) => resolve({ code, stderr, stdout }));
    });

  // Each case is its own process that stops at validation; they run side by side.
  it.concurrent.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['REDIS_URL', { REDIS_URL: 'foo', DATABASE_URL: 'postgres://127.0.0.1:1/x', JWT_SECRET }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['JWT_SECRET', { DATABASE_URL: 'postgres://127.0.0.1:1/x', JWT_SECRET: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('stops with one line naming %s', async (name, env) => {
    const r = await withTimeout(run(env), 20_000, 'the process did not exit');
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toMatch(/Parley is listening/);
  });
});
