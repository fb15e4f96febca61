/** A personal access token as stored, without its secret. */
export interface AccessTokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Persistence of personal access tokens (the secrets only as SHA-256 hashes). */
export interface AccessTokenStore {
  create(token: {
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<AccessTokenRecord>;
  /** The user's tokens, newest first, revoked and expired ones included. */
  listByUser(userId: string): Promise<AccessTokenRecord[]>;
  /** Revokes the user's token `id`; false when the user has no such token. Revoking twice is not an error. */
  revoke(userId: string, id: string, now: Date): Promise<boolean>;
  /** Revokes every token of a user; returns how many were active. */
  revokeAllOf(userId: string, now: Date): Promise<number>;
  /** The owner of the active (not revoked, not expired) token with this hash, stamping its last use. */
  use(tokenHash: string, now: Date): Promise<{ id: string; userId: string } | null>;
  /**
   * Which of `ids` (session ids and access-token ids alike) still name an active credential: one
   * statement for any number of ids, so open sockets can be re-checked cheaply.
   */
  activeCredentialIds(ids: readonly string[], now: Date): Promise<Set<string>>;
}
