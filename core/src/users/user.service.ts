import type { UserStore } from '../ports/user.store';
import { normalizeDisplayName } from './display-name';
import { NotFoundError } from '../shared/errors';
import type { User } from './user.model';
import { FieldErrors, codePointLength, hasForbiddenChars } from '../shared/validate';

/** Profile reads and updates. */
export function createUserService(users: UserStore) {
  return {
    /** Users whose username or display name starts with `query`; at most `first` (1–50). */
    async search(query: string, first: number): Promise<User[]> {
      const errors = new FieldErrors();
      const q = query.trim().toLowerCase();
      errors.check(codePointLength(q) > 64, 'query', 'must be at most 64 characters');
      errors.check(hasForbiddenChars(q), 'query', 'must not contain control characters');
      errors.check(!Number.isInteger(first) || first < 1 || first > 50, 'first', 'must be between 1 and 50');
      errors.throwIfAny();
      if (q === '') return [];
      return users.search(q, first);
    },

    async updateProfile(
      userId: string,
      input: { displayName?: string | null; avatarUrl?: string | null },
    ): Promise<User> {
      const errors = new FieldErrors();
      const patch: { displayName?: string; avatarUrl?: string | null } = {};
      if (input.displayName !== undefined && input.displayName !== null) {
        patch.displayName = normalizeDisplayName(input.displayName, errors);
      }
      if (input.avatarUrl !== undefined) {
        const url = input.avatarUrl?.trim() || null;
        errors.check(
          url !== null && (!isHttpUrl(url) || hasForbiddenChars(url)),
          'avatarUrl',
          'must be an http(s) URL of at most 2048 characters',
        );
        patch.avatarUrl = url;
      }
      errors.throwIfAny();
      const user = await users.updateProfile(userId, patch);
      if (!user) throw new NotFoundError('User');
      return user;
    },
  };
}

function isHttpUrl(s: string): boolean {
  if (s.length > 2048) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The user service's public surface. */
export type UserService = ReturnType<typeof createUserService>;
