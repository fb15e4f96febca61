import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AccessTokenStore } from '../ports/access-token.store';
import type { PasswordHasher } from '../ports/password-hasher';
import type { SessionStore } from '../ports/session.store';
import { UsernameTakenError, type UserStore } from '../ports/user.store';
import type { AbuseLimits } from '../limits/abuse-limits';
import { ACCESS_TOKEN_PREFIX, hashAccessToken } from './access-token.secret';
import type { Viewer } from './viewer.model';
import { normalizeDisplayName } from '../users/display-name';
import type { AuditTrail } from '../audit/audit-trail';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../shared/errors';
import type { User } from '../users/user.model';
import { FieldErrors, codePointLength } from '../shared/validate';

/** Tokens handed to a client after sign-up, log-in or refresh. */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  user: User;
}

/** Settings of {@link createAuthService}. */
export interface AuthServiceOptions {
  users: UserStore;
  sessions: SessionStore;
  /** Personal access tokens; `pat_…` bearer tokens are refused when omitted. */
  accessTokens?: AccessTokenStore;
  hasher: PasswordHasher;
  /** HMAC key for access tokens. */
  jwtSecret: string;
  /** @default 900 */
  accessTokenTtlSeconds?: number;
  /** @default 30 */
  refreshTokenTtlDays?: number;
  /**
   * How long a just-rotated refresh token may be presented again and get the same new token, while
   * that one is unused (the answer to the first refresh was lost). @default 30
   */
  refreshReuseGraceSeconds?: number;
  now?: () => Date;
  /** Sign-up and log-in limits; none when omitted (unit tests). */
  limits?: Pick<AbuseLimits, 'signUpByIp' | 'logInByIp' | 'failedLogIns'>;
  /** Records failed and refused log-ins. */
  audit?: AuditTrail | undefined;
  /** Refuses a user who may not sign in now (suspended or banned) with the error to answer. */
  mayEnter?: ((userId: string) => Promise<void>) | undefined;
  /** Told of each new account (usage analytics). */
  onSignUp?: (() => void) | undefined;
}

/** Where a request comes from, for per-IP limits. */
export interface RequestOrigin {
  ip?: string | null;
}

const USERNAME = /^[a-z0-9_.]{3,32}$/;
const ISSUER = 'parley';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Sign-up, log-in, token issuance and verification. */
export function createAuthService(o: AuthServiceOptions) {
  const key = new TextEncoder().encode(o.jwtSecret);
  // Imported once: given raw bytes, jose imports the key again on every verification.
  const hmacKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  // Access tokens whose signature was verified, by their exact text: a client sends the same token
  // with every request for its lifetime, and a lookup is cheaper than an HMAC. Expiry is still
  // checked on each use, and the session behind it always is.
  const verified = new LRUCache<string, { sub: string; sid: string; exp: number }>({ max: 10_000 });

  async function verify(token: string): Promise<{ sub: string; sid: string }> {
    const seconds = now().getTime() / 1000;
    const known = verified.get(token);
    if (known && known.exp > seconds) return known;
    let claims: { sub?: string; sid?: unknown; exp?: number };
    try {
      const { payload } = await jwtVerify(token, await hmacKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: now(),
      });
      claims = payload;
    } catch {
      throw new UnauthenticatedError('Invalid or expired access token');
    }
    const { sub, sid, exp } = claims;
    if (!sub || typeof sid !== 'string' || exp === undefined) {
      throw new UnauthenticatedError('Invalid or expired access token');
    }
    verified.set(token, { sub, sid, exp });
    return { sub, sid };
  }
  const accessTtl = o.accessTokenTtlSeconds ?? 900;
  const refreshTtlMs = (o.refreshTokenTtlDays ?? 30) * 86_400_000;
  const refreshGraceMs = (o.refreshReuseGraceSeconds ?? 30) * 1000;
  const now = o.now ?? (() => new Date());
  // Verifying against a real hash when the user does not exist makes both failures take the same time.
  const dummyHash = o.hasher.hash(randomBytes(16).toString('hex'));

  async function issue(user: User, sessionId: string, refreshToken: string): Promise<AuthResult> {
    const issuedAt = now();
    const expiresAt = new Date(issuedAt.getTime() + accessTtl * 1000);
    const accessToken = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await hmacKey);
    return { accessToken, refreshToken, accessTokenExpiresAt: expiresAt, user };
  }

  async function startSession(user: User): Promise<AuthResult> {
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    await o.sessions.create({
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(now().getTime() + refreshTtlMs),
      refreshTokenHash: sha256(refreshToken),
    });
    return issue(user, sessionId, refreshToken);
  }

  const invalidCredentials = () => new UnauthenticatedError('Invalid username or password');

  return {
    async signUp(
      input: { username: string; password: string; displayName?: string | null },
      origin: RequestOrigin = {},
    ): Promise<AuthResult> {
      if (origin.ip) await o.limits?.signUpByIp.consume(origin.ip);
      const errors = new FieldErrors();
      const username = input.username.trim().toLowerCase();
      errors.check(!USERNAME.test(username), 'username', 'must be 3 to 32 characters of a-z, 0-9, _ and .');
      errors.check(codePointLength(input.password) < 8, 'password', 'must be at least 8 characters');
      errors.check(codePointLength(input.password) > 256, 'password', 'must be at most 256 characters');
      const displayName = normalizeDisplayName(input.displayName ?? username, errors);
      errors.throwIfAny();
      const passwordHash = await o.hasher.hash(input.password);
      try {
        const user = await o.users.create({ id: randomUUID(), username, displayName, passwordHash });
        o.onSignUp?.();
        return await startSession(user);
      } catch (err) {
        if (err instanceof UsernameTakenError) throw new ValidationError({ username: 'is already taken' });
        throw err;
      }
    },

    /**
     * The user whose username and password these are, with the same limits as signing in (per address,
     * and failures per username and address); starts no session.
     */
    async checkCredentials(input: { username: string; password: string }, origin: RequestOrigin = {}) {
      const username = input.username.trim().toLowerCase();
      if (origin.ip) await o.limits?.logInByIp.consume(origin.ip);
      // Failures count per username and address together: the address that keeps guessing is blocked
      // for that username, even for the right password, for longer each time; the owner signing in
      // from anywhere else is not (blocking the username would let anyone lock anyone out). Guessing
      // from many addresses is bounded by the per-address log-in rate.
      const attempt = `${username}|${origin.ip ?? ''}`;
      const blocked = (await o.limits?.failedLogIns.blockedFor(attempt)) ?? 0;
      if (blocked > 0) {
        o.audit?.record('auth.login_blocked', { actorId: null, ip: origin.ip }, { username });
        throw new RateLimitedError(blocked, 'Too many failed log-ins for this username; try again later');
      }
      // A name no account can have is not looked up: storage would reject some (NUL) as an internal error.
      const found =
        USERNAME.test(username) && input.password.length <= 1024 ? await o.users.findByUsername(username) : null;
      const ok = await o.hasher.verify(found?.passwordHash ?? (await dummyHash), input.password);
      if (!found || !ok) {
        await o.limits?.failedLogIns.consume(attempt).catch(() => undefined);
        o.audit?.record(
          'auth.login_failed',
          { actorId: null, targetId: found?.id ?? null, ip: origin.ip },
          { username },
        );
        throw invalidCredentials();
      }
      await o.limits?.failedLogIns.reset(attempt);
      return found;
    },

    async logIn(input: { username: string; password: string }, origin: RequestOrigin = {}): Promise<AuthResult> {
      const found = await this.checkCredentials(input, origin);
      await o.mayEnter?.(found.id);
      const { passwordHash: _hash, ...user } = found;
      return startSession(user);
    },

    async refresh(refreshToken: string): Promise<AuthResult> {
      // The next token is derived from this one with the server's key, not drawn at random, so that
      // presenting this token again within the grace window hands out the same next token.
      const next = createHmac('sha256', key).update(`refresh:${refreshToken}`).digest('base64url');
      const result = await o.sessions.rotate(sha256(refreshToken), sha256(next), now(), refreshGraceMs);
      if (!result.ok) throw new UnauthenticatedError('Invalid or expired refresh token');
      const [user] = await o.users.findByIds([result.userId]);
      if (!user) throw new UnauthenticatedError('Invalid or expired refresh token');
      return issue(user, result.sessionId, next);
    },

    async logOut(viewer: Viewer): Promise<void> {
      // Signed in with a personal access token, there is no session: logging out revokes the token.
      if (viewer.accessTokenId) await o.accessTokens?.revoke(viewer.userId, viewer.accessTokenId, now());
      else await o.sessions.revoke(viewer.sessionId);
    },

    /** Which of the given credential ids (`Viewer.sessionId`) are still active, in one store call. */
    async activeCredentialIds(ids: readonly string[]): Promise<Set<string>> {
      if (!o.accessTokens) throw new Error('activeCredentialIds needs an access token store');
      return o.accessTokens.activeCredentialIds(ids, now());
    },

    /**
     * Verifies an `Authorization` value (`Bearer <token>`) and that its session is still active; a
     * `pat_…` token is a personal access token, checked against the store (not revoked, not expired).
     * @throws UnauthenticatedError for a missing, malformed, forged, expired or revoked token.
     */
    async authenticate(authorization: string | undefined | null): Promise<Viewer> {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match?.[1]) throw new UnauthenticatedError('Missing or malformed bearer token');
      if (match[1].startsWith(ACCESS_TOKEN_PREFIX)) {
        const found = await o.accessTokens?.use(hashAccessToken(match[1]), now());
        if (!found) throw new UnauthenticatedError('Invalid, expired or revoked access token');
        return { userId: found.userId, sessionId: found.id, accessTokenId: found.id };
      }
      const { sub, sid } = await verify(match[1]);
      if (!(await o.sessions.isActive(sid, now()))) throw new UnauthenticatedError('Session has ended');
      return { userId: sub, sessionId: sid };
    },
  };
}

/** The auth service's public surface. */
export type AuthService = ReturnType<typeof createAuthService>;
