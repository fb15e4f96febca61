/** Outcome of presenting a refresh token. */
export type RotateResult =
  { ok: true; sessionId: string; userId: string } | { ok: false; reason: 'unknown' | 'reused' | 'revoked' | 'expired' };

/** Persistence of login sessions and their refresh-token rotation chains. */
export interface SessionStore {
  create(session: { id: string; userId: string; expiresAt: Date; refreshTokenHash: string }): Promise<void>;
  /**
   * Atomically replaces the refresh token `oldHash` by `newHash`. Presenting a token that was already
   * rotated is treated as theft: the whole session is revoked and `reused` returned; except within
   * `graceMs` of its rotation, when `newHash` is the token that replaced it and has not been used yet:
   * the client lost the answer, and the session is returned again (the caller derives `newHash` from
   * the old token, so the client gets the same new token).
   */
  rotate(oldHash: string, newHash: string, now: Date, graceMs?: number): Promise<RotateResult>;
  revoke(sessionId: string): Promise<void>;
  /** Revokes every session of a user (suspended, banned); returns how many were active. */
  revokeAllOf(userId: string): Promise<number>;
  /** True while the session exists, is not revoked and has not expired. */
  isActive(sessionId: string, now: Date): Promise<boolean>;
}
