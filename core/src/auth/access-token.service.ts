import type { AuditTrail } from '../audit/audit-trail';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AccessTokenRecord, AccessTokenStore } from '../ports/access-token.store';
import { ACCESS_TOKEN_PREFIX, hashAccessToken } from './access-token.secret';
import type { Viewer } from './viewer.model';
import { NotFoundError } from '../shared/errors';
import { FieldErrors, codePointLength, hasForbiddenChars, isId } from '../shared/validate';

/** A newly created token: the secret is in `token` and is never available again. */
export interface CreatedAccessToken {
  token: string;
  accessToken: AccessTokenRecord;
}

/** Settings of {@link createAccessTokenService}. */
export interface AccessTokenServiceOptions {
  store: AccessTokenStore;
  /** Records tokens created and revoked. */
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

/** Creating, listing and revoking personal access tokens for scripts and bots. */
export function createAccessTokenService(o: AccessTokenServiceOptions) {
  const now = o.now ?? (() => new Date());
  return {
    /** @throws ValidationError for a name outside 1–64 characters or a lifetime outside 1–365 days. */
    async create(viewer: Viewer, input: { name: string; expiresInDays: number }): Promise<CreatedAccessToken> {
      const name = input.name.trim();
      const len = codePointLength(name);
      const errors = new FieldErrors();
      errors.check(len < 1 || len > 64, 'name', 'must be 1 to 64 characters');
      errors.check(hasForbiddenChars(name) || /[\n\t]/.test(name), 'name', 'must not contain control characters');
      const days = input.expiresInDays;
      errors.check(!Number.isInteger(days) || days < 1 || days > 365, 'expiresInDays', 'must be 1 to 365');
      errors.throwIfAny();
      const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const accessToken = await o.store.create({
        id: randomUUID(),
        userId: viewer.userId,
        name,
        tokenHash: hashAccessToken(token),
        expiresAt: new Date(now().getTime() + days * 86_400_000),
      });
      o.audit?.record(
        'token.created',
        { actorId: viewer.userId, targetId: accessToken.id },
        { name, expiresInDays: days },
      );
      return { token, accessToken };
    },

    /** The viewer's tokens, newest first, without secrets. */
    list(viewer: Viewer): Promise<AccessTokenRecord[]> {
      return o.store.listByUser(viewer.userId);
    },

    /**
     * Revokes one of the viewer's tokens at once: requests with it are refused and its open sockets close.
     * @throws NotFoundError when the viewer has no token `id`.
     */
    async revoke(viewer: Viewer, id: string): Promise<true> {
      if (!isId(id) || !(await o.store.revoke(viewer.userId, id, now()))) throw new NotFoundError('Access token');
      o.audit?.record('token.revoked', { actorId: viewer.userId, targetId: id });
      return true;
    },
  };
}

/** The access-token service's public surface. */
export type AccessTokenService = ReturnType<typeof createAccessTokenService>;
