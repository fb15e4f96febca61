import { describe, expect, it } from 'vitest';
import { createMemoryCredentialStores, createMemoryUserStore } from '../memory';
import type { PasswordHasher } from '../ports/password-hasher';
import { createAuthService } from './auth.service';

describe('log-in failures', () => {
  // Counts verifications: a failure that skipped one would answer faster and tell names apart.
  const verified: string[] = [];
  const hasher: PasswordHasher = {
    hash: async (password) => `plain:${password}`,
    verify: async (hash, password) => {
      verified.push(hash);
      return hash === `plain:${password}`;
    },
  };
  const auth = createAuthService({
    users: createMemoryUserStore(),
    ...createMemoryCredentialStores(),
    hasher,
    jwtSecret: 'test-secret-test-secret-test-secret-0123',
  });

  it.each([
    ['a wrong password', 'known_user', 'wrong password'],
    ['an unknown user', 'nobody_here', 'wrong password'],
    ['a name no account can have', 'NUL\u0000name', 'wrong password'],
    ['a password too long to be one', 'known_user', 'x'.repeat(2000)],
  ])('verifies a password hash once for %s, and says only that the credentials are wrong', async (_, name, pw) => {
    await auth.signUp({ username: 'known_user', password: 'right password' }).catch(() => undefined);
    verified.length = 0;
    await expect(auth.logIn({ username: name, password: pw })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.not.stringContaining(name) as unknown,
    });
    expect(verified).toHaveLength(1);
  });
});

describe('access token verification', () => {
  it('refuses a token that was accepted before once it expires, and one whose session ended', async () => {
    let clock = new Date('2026-11-30T10:00:00Z');
    const stores = createMemoryCredentialStores();
    const auth = createAuthService({
      users: createMemoryUserStore(),
      ...stores,
      hasher: { hash: async (p) => `plain:${p}`, verify: async (h, p) => h === `plain:${p}` },
      jwtSecret: 'test-secret-test-secret-test-secret-0123',
      accessTokenTtlSeconds: 60,
      now: () => clock,
    });
    const { accessToken } = await auth.signUp({ username: 'token_user', password: 'a good password' });
    const bearer = `Bearer ${accessToken}`;
    const viewer = await auth.authenticate(bearer);
    // Accepted again from the verified tokens, until a second before it expires.
    clock = new Date(clock.getTime() + 59_000);
    await expect(auth.authenticate(bearer)).resolves.toEqual(viewer);
    clock = new Date(clock.getTime() + 1_000);
    await expect(auth.authenticate(bearer)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const second = await auth.logIn({ username: 'token_user', password: 'a good password' });
    const other = await auth.authenticate(`Bearer ${second.accessToken}`);
    await auth.logOut(other);
    await expect(auth.authenticate(`Bearer ${second.accessToken}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // A token that differs by one character (the signature's first) is verified, not looked up.
    const at = accessToken.lastIndexOf('.') + 1;
    const forged = `${accessToken.slice(0, at)}${accessToken[at] === 'A' ? 'B' : 'A'}${accessToken.slice(at + 1)}`;
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
