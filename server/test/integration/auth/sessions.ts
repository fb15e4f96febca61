import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, decodeJwt } from 'jose';
import WebSocket from 'ws';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuiteApp, TestMode } from '../../support/app';
import { codeOf, gql } from '../../support/client';
import { signUp, type TestUser } from '../../support/users';
import { LOG_IN, ME, REFRESH, unique } from './fixture';

// The secret support/app.ts gives PostgreSQL-mode apps.
const POSTGRES_SECRET = 'test-secret-test-secret-test-secret-0123';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * Opens a raw graphql-transport-ws socket, sends `connection_init` with `token`, and reports
 * whether `connection_ack` arrived and the close code (null when the socket stayed open).
 */
async function wsHandshake(baseUrl: string, token: string): Promise<{ acked: boolean; closeCode: number | null }> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let acked = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no answer to connection_init'));
    }, 5000);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(data.toString()).type !== 'connection_ack') return;
      acked = true;
      clearTimeout(timer);
      socket.close(1000);
      resolve({ acked, closeCode: null });
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      if (!acked) resolve({ acked, closeCode: code });
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Who holds a session: failed log-ins, forged and expired access tokens, refresh-token rotation, log-out. */
export function sessionTests(app: SuiteApp, mode: TestMode): void {
  let key: Uint8Array;

  beforeAll(async () => {
    // The embedded node generates its secret on first start and keeps it in its data directory.
    const secret =
      mode === 'pglite' ? (await readFile(path.join(app.dataDir, 'jwt-secret'), 'utf8')).trim() : POSTGRES_SECRET;
    key = new TextEncoder().encode(secret);
  });

  describe('log-in failures', () => {
    it('answers a wrong password and an unknown user alike', async () => {
      // That both pay for a password verification (so neither is faster) is core's auth.service.test.ts.
      const u = await signUp(app.url, 'timing');
      const wrong = await gql(app.url, LOG_IN, { input: { username: u.username, password: 'wrong password' } });
      const unknown = await gql(app.url, LOG_IN, { input: { username: unique('ghost'), password: 'wrong password' } });
      for (const r of [wrong, unknown]) {
        expect(r.data).toBeNull();
        expect(codeOf(r)).toBe('UNAUTHENTICATED');
      }
      expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
      expect(unknown.errors![0]!.message).not.toMatch(new RegExp(u.username));
    });
  });

  describe('forged and expired access tokens', () => {
    let user: TestUser;
    let other: TestUser;
    let sid: string;
    beforeAll(async () => {
      user = await signUp(app.url, 'forge');
      other = await signUp(app.url, 'victim');
      sid = decodeJwt(user.token)['sid'] as string;
    });

    const sign = (claims: { sub: string; exp: number }, k: Uint8Array) =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer('parley')
        .setIssuedAt(claims.exp - 900)
        .setExpirationTime(claims.exp)
        .sign(k);
    const now = () => Math.floor(Date.now() / 1000);

    const forgeries: [string, () => Promise<string>][] = [
      ['expired', () => sign({ sub: user.id, exp: now() - 60 }, key)],
      [
        'signed with another secret',
        () => sign({ sub: user.id, exp: now() + 600 }, new TextEncoder().encode('x'.repeat(48))),
      ],
      [
        'unsigned (alg none)',
        async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...decodeJwt(user.token), sub: other.id })}.`,
      ],
      [
        'tampered payload',
        async () => {
          const [h, , s] = user.token.split('.');
          return `${h}.${b64url({ ...decodeJwt(user.token), sub: other.id })}.${s}`;
        },
      ],
      ['not a JWT', async () => 'not-a-token'],
    ];

    it('a correctly signed, current token is accepted over HTTP and WebSocket (control)', async () => {
      const token = await sign({ sub: user.id, exp: now() + 600 }, key);
      expect((await gql(app.url, ME, {}, token)).data!['me'].id).toBe(user.id);
      expect(await wsHandshake(app.url, token)).toEqual({ acked: true, closeCode: null });
    });

    it.each(forgeries)('refuses a token %s over HTTP with UNAUTHENTICATED', async (_name, make) => {
      const r = await gql(app.url, ME, {}, await make());
      expect(r.data).toBeNull();
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
    });

    it.each(forgeries)('closes a WebSocket with a token %s with 4403 before connection_ack', async (_name, make) => {
      expect(await wsHandshake(app.url, await make())).toEqual({ acked: false, closeCode: 4403 });
    });

    it('closes a WebSocket without a token with 4403', async () => {
      const socket = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
      const code = await new Promise<number>((resolve) => {
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
        socket.on('close', (c) => resolve(c));
      });
      expect(code).toBe(4403);
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token on every use', async () => {
      const u = await signUp(app.url, 'rot');
      const r1 = await gql(app.url, REFRESH, { t: u.refreshToken });
      expect(r1.errors).toBeUndefined();
      const p1 = r1.data!['refreshSession'];
      expect(p1.refreshToken).not.toBe(u.refreshToken);
      expect(p1.user.id).toBe(u.id);
      const r2 = await gql(app.url, REFRESH, { t: p1.refreshToken });
      expect(r2.errors).toBeUndefined();
      expect((await gql(app.url, ME, {}, r2.data!['refreshSession'].accessToken)).data!['me'].id).toBe(u.id);
    });

    it('revokes the whole session when a rotated refresh token is reused after its successor was used', async () => {
      const u = await signUp(app.url, 'reuse');
      const first = (await gql(app.url, REFRESH, { t: u.refreshToken })).data!['refreshSession'];
      const rotated = (await gql(app.url, REFRESH, { t: first.refreshToken })).data!['refreshSession'];
      expect((await gql(app.url, ME, {}, rotated.accessToken)).data!['me'].id).toBe(u.id);

      const reuse = await gql(app.url, REFRESH, { t: u.refreshToken });
      expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
      // The thief's replay ended the session: the newest tokens stop working too.
      expect(codeOf(await gql(app.url, REFRESH, { t: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gql(app.url, ME, {}, rotated.accessToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gql(app.url, ME, {}, u.token))).toBe('UNAUTHENTICATED');
      expect((await wsHandshake(app.url, rotated.accessToken)).closeCode).toBe(4403);

      // Other sessions of the same user are untouched.
      const again = await gql(app.url, LOG_IN, { input: { username: u.username, password: 'correct horse' } });
      expect((await gql(app.url, ME, {}, again.data!['logIn'].accessToken)).data!['me'].id).toBe(u.id);
    });

    it('gives a client that lost the answer to a refresh the same new refresh token again, once it retries', async () => {
      const u = await signUp(app.url, 'lost');
      // The page reloaded before the answer arrived: the client still holds the old token and retries.
      const lost = (await gql(app.url, REFRESH, { t: u.refreshToken })).data!['refreshSession'];
      const retry = await gql(app.url, REFRESH, { t: u.refreshToken });
      expect(retry.errors).toBeUndefined();
      const pair = retry.data!['refreshSession'];
      expect(pair.refreshToken).toBe(lost.refreshToken);
      expect((await gql(app.url, ME, {}, pair.accessToken)).data!['me'].id).toBe(u.id);
      // The session goes on along the chain.
      const next = await gql(app.url, REFRESH, { t: pair.refreshToken });
      expect(next.errors).toBeUndefined();
      expect(next.data!['refreshSession'].refreshToken).not.toBe(pair.refreshToken);
    });

    it('refuses an unknown refresh token', async () => {
      expect(codeOf(await gql(app.url, REFRESH, { t: 'made-up-token' }))).toBe('UNAUTHENTICATED');
    });

    it('logOut ends the session at once for the access and refresh tokens', async () => {
      const u = await signUp(app.url, 'bye');
      const second = (await gql(app.url, LOG_IN, { input: { username: u.username, password: 'correct horse' } })).data![
        'logIn'
      ];
      const out = await gql(app.url, `mutation { logOut }`, {}, u.token);
      expect(out.data).toEqual({ logOut: true });
      expect(codeOf(await gql(app.url, ME, {}, u.token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gql(app.url, REFRESH, { t: u.refreshToken }))).toBe('UNAUTHENTICATED');
      expect((await wsHandshake(app.url, u.token)).closeCode).toBe(4403);
      expect(codeOf(await gql(app.url, `mutation { logOut }`, {}, u.token))).toBe('UNAUTHENTICATED');
      // Only that session: the user's other session still works.
      expect((await gql(app.url, ME, {}, second.accessToken)).data!['me'].id).toBe(u.id);
    });
  });
}
