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
