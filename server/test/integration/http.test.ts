import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql } from '../support/client';
import { TEST_DATABASE_URL } from '../support/databases';
import { signUp, type TestUser } from '../support/users';

const MAX_BODY_BYTES = 2048;

/** A raw HTTP exchange, so the tests control the method, headers and body byte for byte. */
function raw(
  baseUrl: string,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | string[] },
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const url = new URL(opts.path ?? '/graphql', baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: opts.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    // An array is sent as separate chunks, without a Content-Length (chunked transfer encoding).
    for (const chunk of Array.isArray(opts.body) ? opts.body : opts.body ? [opts.body] : []) req.write(chunk);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };

// The HTTP layer is the same on both storages; PostgreSQL starts faster when it is available.
describe('HTTP transport', () => {
  let app: TestApp;
  let user: TestUser;
  const stillServes = async () => {
    const r = await gql(app.url, `{ me { id } }`, {}, user.token);
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ me: { id: user.id } });
  };

  beforeAll(async () => {
    app = await startTestApp(TEST_DATABASE_URL ? 'postgres' : 'pglite', { MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
    user = await signUp(app.url, 'http');
  });
  afterAll(() => app?.stop());

  it('answers /healthz and /readyz with 200 and an unknown path with 404', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${app.url}/no/such/path`)).status).toBe(404);
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    for (const body of ['{"query": "{ me { id } }"', '{query: 1}', 'not json at all', '']) {
      const r = await raw(app.url, { headers: json, body });
      expect(r.status).toBe(400);
      expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    await stillServes();
  });

  it('answers JSON that is not an operation with 400', async () => {
    for (const body of ['null', '"{ me { id } }"', '42', '{}', '{"query": 5}']) {
      const r = await raw(app.url, { headers: json, body });
      expect(r.status, body).toBe(400);
    }
    await stillServes();
  });

  it('refuses a batched array body with 400', async () => {
    const r = await raw(app.url, {
      headers: json,
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].message).toMatch(/batch/i);
  });

  it('refuses a body over MAX_BODY_BYTES with 413, declared or streamed, and keeps serving', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const declared = await raw(app.url, {
      headers: { ...json, 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared.status).toBe(413);
    const chunks = Array.from({ length: 8 }, (_, i) =>
      i === 0 ? '{"query":"{ __typename }","pad":"' : 'y'.repeat(512),
    );
    const streamed = await raw(app.url, { headers: json, body: chunks });
    expect(streamed.status).toBe(413);
    // Just under the limit is still served.
    const fits = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(MAX_BODY_BYTES - 100) } });
    expect((await raw(app.url, { headers: json, body: fits })).status).toBe(200);
    await stillServes();
  });

  it('refuses a simple (CSRF-able) content type and keeps serving', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await raw(app.url, {
        headers: { 'content-type': type },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(r.status, type).toBeGreaterThanOrEqual(400);
      expect(r.status, type).toBeLessThan(500);
    }
    await stillServes();
  });

  it('runs a query over GET but refuses a mutation over GET, without running it', async () => {
    const q = encodeURIComponent('{ __typename }');
    const ok = await raw(app.url, {
      method: 'GET',
      path: `/graphql?query=${q}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text).data).toEqual({ __typename: 'Query' });
    // Without a preflight-forcing header, a GET is a CSRF risk and is refused before parsing.
    expect((await raw(app.url, { method: 'GET', path: `/graphql?query=${q}` })).status).toBe(400);

    const username = `getmut_${Date.now().toString(36)}`;
    const mutation = encodeURIComponent(
      `mutation { signUp(input: { username: "${username}", password: "correct horse" }) { accessToken } }`,
    );
    const refused = await raw(app.url, {
      method: 'GET',
      path: `/graphql?query=${mutation}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(refused.status).toBe(405);
    const login = await gql(
      app.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { accessToken } }`,
      {
        u: username,
      },
    );
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
  });

  it('refuses other methods with 405', async () => {
    expect((await raw(app.url, { method: 'PUT', headers: json, body: '{}' })).status).toBe(405);
  });

  it('answers a GraphQL syntax error with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const r = await raw(app.url, { headers: json, body: JSON.stringify({ query: '{ me { id ' }) });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers text storage cannot hold (NUL) as bad input, never as an internal error', async () => {
    const search = await gql(
      app.url,
      `query($q: String!) { searchUsers(query: $q) { id } }`,
      { q: 'ab\u0000c' },
      user.token,
    );
    expect(codeOf(search)).toBe('BAD_USER_INPUT');
    expect(search.errors![0]!.extensions!['fields']).toHaveProperty('query');
    const login = await gql(
      app.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "whatever1" }) { accessToken } }`,
      {
        u: 'ab\u0000c',
      },
    );
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
    const avatar = await gql(
      app.url,
      `mutation($a: String!) { updateProfile(input: { avatarUrl: $a }) { id } }`,
      { a: 'https://example.com/\u0000.png' },
      user.token,
    );
    expect(codeOf(avatar)).toBe('BAD_USER_INPUT');
    for (const r of [search, login, avatar]) {
      expect(JSON.stringify(r)).not.toMatch(
        /\bselect\b|\binsert\b|0x00|byte sequence|postgres|pglite|\.ts:\d|\bat \S+:\d+:\d+/i,
      );
      expect(r.errors?.[0]?.extensions?.['stacktrace']).toBeUndefined();
    }
    await stillServes();
  });

  it('closes a WebSocket that sends an oversized frame and keeps serving', async () => {
    const socket = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'z'.repeat(128 * 1024) } })),
      );
      socket.on('close', (c) => resolve(c));
      socket.on('error', () => undefined);
      setTimeout(() => reject(new Error('socket stayed open')), 5000);
    });
    expect(code).toBe(1009);
    await stillServes();
  });
});
