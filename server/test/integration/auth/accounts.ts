import { describe, expect, it } from 'vitest';
import type { SuiteApp } from '../../support/app';
import { codeOf, gql, wsClient } from '../../support/client';
import { signUp } from '../../support/users';
import { LOG_IN, ME, SIGN_UP, UPDATE_PROFILE, unique } from './fixture';

/** Signing up (and what it refuses), logging in, reading and finding users, editing one's profile. */
export function accountTests(app: SuiteApp): void {
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
        const bad = await client.iterate({ query: UPDATE_PROFILE, variables: { input: { displayName: ' ' } } }).next();
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
      expect(Object.keys(r.errors![0]!.extensions!['fields']).sort()).toEqual(['displayName', 'password', 'username']);
    });

    it('refuses a username taken in another letter case', async () => {
      const username = unique('dup');
      expect((await gql(app.url, SIGN_UP, { input: { username, password: 'correct horse' } })).errors).toBeUndefined();
      for (const variant of [username, username.toUpperCase(), username[0]!.toUpperCase() + username.slice(1)]) {
        const r = await gql(app.url, SIGN_UP, { input: { username: variant, password: 'correct horse' } });
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.extensions!['fields']).toHaveProperty('username');
      }
    });
  });
}
