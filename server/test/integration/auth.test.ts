import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, decodeJwt } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestMode } from '../support/app';
import { codeOf, gql, wsClient } from '../support/client';
import { signUp, type TestUser } from '../support/users';
import { needs } from '../support/needs';

// The secret support/app.ts gives PostgreSQL-mode apps.
const POSTGRES_SECRET = 'test-secret-test-secret-test-secret-0123';

const AUTH_FIELDS = 'accessToken refreshToken accessTokenExpiresAt user { id username displayName }';
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;
const ME = `{ me { id username displayName avatarUrl } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl } }`;

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;

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

const modes: TestMode[] = ['pglite', 'postgres'];

describe.each(modes)('auth (%s)', (mode) => {
  describe.skipIf(mode === 'postgres' && needs('postgres'))('', () => {
    let app: TestApp;
    let dataDir: string | undefined;
    let secret: string;
    let key: Uint8Array;

    beforeAll(async () => {
      if (mode === 'pglite') {
        dataDir = await mkdtemp(path.join(tmpdir(), 'parley-auth-'));
        app = await startTestApp('pglite', { DATA_DIR: dataDir });
        // The embedded node generates its secret on first start and keeps it here.
        secret = (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim();
      } else {
        app = await startTestApp('postgres');
        secret = POSTGRES_SECRET;
      }
      key = new TextEncoder().encode(secret);
    });
    afterAll(async () => {
      await app?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    describe('sign-up, log-in and profile', () => {
      it('signs up, reads itself, logs in again and sees the same user', async () => {
        const username = unique('ann');
        const up = await gql(app.url, SIGN_UP, {
          input: { username, password: 'correct horse', displayName: '  Ann Lee  ' },
        });
        expect(up.errors).toBeUndefined();
        const payload = up.data!['signUp'];
        expect(payload.user).toMatchObject({ username, displayName: 'Ann Lee' });
        expect(typeof payload.refreshToken).toBe('string');
        const expiresAt = Date.parse(payload.accessTokenExpiresAt);
        expect(expiresAt).toBeGreaterThan(Date.now());
        expect(expiresAt).toBeLessThan(Date.now() + 3600_000);

        const me = await gql(app.url, ME, {}, payload.accessToken);
        expect(me.data!['me']).toMatchObject({
          id: payload.user.id,
          username,
          displayName: 'Ann Lee',
          avatarUrl: null,
        });

        // Log-in is case-insensitive on the username.
        const login = await gql(app.url, LOG_IN, {
          input: { username: username.toUpperCase(), password: 'correct horse' },
        });
        expect(login.errors).toBeUndefined();
        expect(login.data!['logIn'].user.id).toBe(payload.user.id);
        expect(login.data!['logIn'].accessToken).not.toBe(payload.accessToken);
        const me2 = await gql(app.url, ME, {}, login.data!['logIn'].accessToken);
        expect(me2.data!['me'].id).toBe(payload.user.id);
      });

      it('defaults the display name to the username', async () => {
        const username = unique('dflt');
        const up = await gql(app.url, SIGN_UP, { input: { username, password: 'correct horse' } });
        expect(up.data!['signUp'].user.displayName).toBe(username);
      });

      it('requires a token for me, user, searchUsers and updateProfile', async () => {
        expect(codeOf(await gql(app.url, ME))).toBe('UNAUTHENTICATED');
        expect(codeOf(await gql(app.url, `{ user(id: "00000000-0000-0000-0000-000000000000") { id } }`))).toBe(
          'UNAUTHENTICATED',
        );
        expect(codeOf(await gql(app.url, `{ searchUsers(query: "a") { id } }`))).toBe('UNAUTHENTICATED');
        expect(codeOf(await gql(app.url, UPDATE_PROFILE, { input: { displayName: 'x' } }))).toBe('UNAUTHENTICATED');
      });

      it('finds users by id and by username or display-name prefix', async () => {
        const viewer = await signUp(app.url, 'viewer');
        const prefix = unique('srch');
        const target = await gql(app.url, SIGN_UP, {
          input: { username: `${prefix}_one`, password: 'correct horse', displayName: 'Zoltan Quux' },
        });
        const targetId = target.data!['signUp'].user.id;

        const byId = await gql(
          app.url,
          `query($id: ID!) { user(id: $id) { id username displayName } }`,
          { id: targetId },
          viewer.token,
        );
        expect(byId.data!['user']).toEqual({ id: targetId, username: `${prefix}_one`, displayName: 'Zoltan Quux' });
        const missing = await gql(
          app.url,
          `{ user(id: "00000000-0000-0000-0000-000000000000") { id } }`,
          {},
          viewer.token,
        );
        expect(missing.errors).toBeUndefined();
        expect(missing.data!['user']).toBeNull();

        const search = `query($q: String!) { searchUsers(query: $q) { id username } }`;
        const byName = await gql(app.url, search, { q: prefix.toUpperCase() }, viewer.token);
        expect(byName.data!['searchUsers'].map((u: { id: string }) => u.id)).toEqual([targetId]);
        const byDisplay = await gql(app.url, search, { q: 'zoltan q' }, viewer.token);
        expect(byDisplay.data!['searchUsers'].map((u: { id: string }) => u.id)).toContain(targetId);
        const none = await gql(app.url, search, { q: unique('nobody') }, viewer.token);
        expect(none.data!['searchUsers']).toEqual([]);
        const tooMany = await gql(app.url, `{ searchUsers(query: "a", first: 51) { id } }`, {}, viewer.token);
        expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
        expect(tooMany.errors![0]!.extensions!['fields']).toHaveProperty('first');
      });

      it('updates the display name and avatar, and validates both', async () => {
        const u = await signUp(app.url, 'prof');
        const ok = await gql(
          app.url,
          UPDATE_PROFILE,
          { input: { displayName: '  New Name ', avatarUrl: 'https://example.com/a.png' } },
          u.token,
        );
        expect(ok.data!['updateProfile']).toEqual({
          id: u.id,
          displayName: 'New Name',
          avatarUrl: 'https://example.com/a.png',
        });
        const me = await gql(app.url, ME, {}, u.token);
        expect(me.data!['me']).toMatchObject({ displayName: 'New Name', avatarUrl: 'https://example.com/a.png' });

        const blank = await gql(app.url, UPDATE_PROFILE, { input: { displayName: '   ' } }, u.token);
        expect(codeOf(blank)).toBe('BAD_USER_INPUT');
        expect(blank.errors![0]!.extensions!['fields']).toHaveProperty('displayName');
        const long = await gql(app.url, UPDATE_PROFILE, { input: { displayName: 'x'.repeat(65) } }, u.token);
        expect(long.errors![0]!.extensions!['fields']).toHaveProperty('displayName');
        const badUrl = await gql(app.url, UPDATE_PROFILE, { input: { avatarUrl: 'javascript:alert(1)' } }, u.token);
        expect(codeOf(badUrl)).toBe('BAD_USER_INPUT');
        expect(badUrl.errors![0]!.extensions!['fields']).toHaveProperty('avatarUrl');

        // Refused updates change nothing; an empty avatar removes it.
        const cleared = await gql(app.url, UPDATE_PROFILE, { input: { avatarUrl: '' } }, u.token);
        expect(cleared.data!['updateProfile']).toEqual({ id: u.id, displayName: 'New Name', avatarUrl: null });
      });

      it('applies the same rules over WebSocket', async () => {
        const u = await signUp(app.url, 'wsprof');
        const client = wsClient(app.url, u.token);
        try {
          const me = await client.iterate({ query: ME }).next();
          expect(me.value.data.me.id).toBe(u.id);
          const bad = await client
            .iterate({ query: UPDATE_PROFILE, variables: { input: { displayName: ' ' } } })
            .next();
          expect(bad.value.errors[0].extensions).toMatchObject({
            code: 'BAD_USER_INPUT',
            fields: { displayName: expect.any(String) },
          });
        } finally {
          await client.dispose();
        }
      });
    });

    describe('bad sign-up input', () => {
      const cases: [string, Record<string, string>, string][] = [
        ['a username shorter than 3', { username: 'ab' }, 'username'],
        ['a username longer than 32', { username: 'a'.repeat(33) }, 'username'],
        ['a username with a space', { username: 'bad name' }, 'username'],
        ['a username with a hyphen', { username: 'bad-name' }, 'username'],
        ['a username with a non-ASCII letter', { username: 'zoë_x' }, 'username'],
        ['a password shorter than 8', { password: 'seven77' }, 'password'],
        ['a blank display name', { displayName: '   ' }, 'displayName'],
        ['a display name over 64 code points', { displayName: '😀'.repeat(65) }, 'displayName'],
      ];
      it.each(cases)('refuses %s with BAD_USER_INPUT naming the field', async (_name, override, field) => {
        const input = { username: unique('ok'), password: 'correct horse', ...override };
        const r = await gql(app.url, SIGN_UP, { input });
        expect(r.data).toBeNull();
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(Object.keys(r.errors![0]!.extensions!['fields'])).toEqual([field]);
      });

      it('accepts the limits: 3 and 32 characters, 8-character password, 64 emoji padded with spaces', async () => {
        const short = `${Math.random().toString(36).slice(2, 5)}`.padEnd(3, 'x');
        for (const input of [
          { username: short, password: '12345678' },
          {
            username: `${unique('l')}`.padEnd(32, '.'),
            password: 'correct horse',
            displayName: ` ${'😀'.repeat(64)} `,
          },
        ]) {
          const r = await gql(app.url, SIGN_UP, { input });
          expect(r.errors).toBeUndefined();
        }
      });

      it('reports every invalid field at once', async () => {
        const r = await gql(app.url, SIGN_UP, { input: { username: 'x', password: 'short', displayName: '' } });
        expect(Object.keys(r.errors![0]!.extensions!['fields']).sort()).toEqual([
          'displayName',
          'password',
          'username',
        ]);
      });

      it('refuses a username taken in another letter case', async () => {
        const username = unique('dup');
        expect(
          (await gql(app.url, SIGN_UP, { input: { username, password: 'correct horse' } })).errors,
        ).toBeUndefined();
        for (const variant of [username, username.toUpperCase(), username[0]!.toUpperCase() + username.slice(1)]) {
          const r = await gql(app.url, SIGN_UP, { input: { username: variant, password: 'correct horse' } });
          expect(codeOf(r)).toBe('BAD_USER_INPUT');
          expect(r.errors![0]!.extensions!['fields']).toHaveProperty('username');
        }
      });
    });

    describe('log-in failures', () => {
      it('answers a wrong password and an unknown user alike, in similar time', async () => {
        const u = await signUp(app.url, 'timing');
        const attempt = async (username: string, password: string) => {
          const started = performance.now();
          const r = await gql(app.url, LOG_IN, { input: { username, password } });
          return { r, ms: performance.now() - started };
        };
        // Warm both paths once so the first argon2 call's setup does not skew the comparison,
        // then compare medians of interleaved attempts.
        await attempt(u.username, 'wrong password');
        await attempt(unique('ghost'), 'wrong password');
        const wrongRuns = [];
        const unknownRuns = [];
        for (let i = 0; i < 3; i++) {
          wrongRuns.push(await attempt(u.username, 'wrong password'));
          unknownRuns.push(await attempt(unique('ghost'), 'wrong password'));
        }
        const median = <T extends { ms: number }>(runs: T[]) => runs.sort((a, b) => a.ms - b.ms)[1]!;
        const wrong = median(wrongRuns);
        const unknown = median(unknownRuns);
        for (const { r } of [wrong, unknown]) {
          expect(r.data).toBeNull();
          expect(codeOf(r)).toBe('UNAUTHENTICATED');
        }
        expect(unknown.r.errors![0]!.message).toBe(wrong.r.errors![0]!.message);
        expect(unknown.r.errors![0]!.message).not.toMatch(new RegExp(u.username));
        // Both pay for an argon2id verification (about 15-20 ms here); neither returns early.
        expect(wrong.ms).toBeGreaterThan(10);
        expect(unknown.ms).toBeGreaterThan(10);
        expect(Math.max(wrong.ms, unknown.ms) / Math.min(wrong.ms, unknown.ms)).toBeLessThan(3);
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

      it('revokes the whole session when a rotated refresh token is reused', async () => {
        const u = await signUp(app.url, 'reuse');
        const rotated = (await gql(app.url, REFRESH, { t: u.refreshToken })).data!['refreshSession'];
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

      it('refuses an unknown refresh token', async () => {
        expect(codeOf(await gql(app.url, REFRESH, { t: 'made-up-token' }))).toBe('UNAUTHENTICATED');
      });

      it('logOut ends the session at once for the access and refresh tokens', async () => {
        const u = await signUp(app.url, 'bye');
        const second = (await gql(app.url, LOG_IN, { input: { username: u.username, password: 'correct horse' } }))
          .data!['logIn'];
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
  });
});
