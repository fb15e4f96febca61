import { hash, verify } from '@node-rs/argon2';

// Algorithm is an ambient const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2;
import type { PasswordHasher } from '@parley/core';

/** Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes). */
export function createArgon2Hasher(): PasswordHasher {
  const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, options),
    async verify(hashed, password) {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
  };
}
