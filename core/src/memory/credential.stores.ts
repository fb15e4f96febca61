import type { AccessTokenRecord, AccessTokenStore } from '../ports/access-token.store';
import type { SessionStore } from '../ports/session.store';

interface SessionRow {
  userId: string;
  expiresAt: Date;
  revoked: boolean;
  /** Refresh-token hashes of the rotation chain, with when and by which token each was rotated. */
  tokens: Map<string, { rotatedAt: Date; replacedBy: string } | null>;
}

/**
 * {@link SessionStore} and {@link AccessTokenStore} in process memory. They are made together because
 * `activeCredentialIds` answers for sessions and access tokens alike, as the SQL adapter does.
 */
export function createMemoryCredentialStores(): { sessions: SessionStore; accessTokens: AccessTokenStore } {
  const sessions = new Map<string, SessionRow>();
  const sessionByToken = new Map<string, string>();
  const tokens = new Map<string, AccessTokenRecord & { tokenHash: string }>();
  const live = (t: { revokedAt: Date | null; expiresAt: Date }, now: Date) => !t.revokedAt && t.expiresAt > now;
  const record = ({ tokenHash: _h, ...r }: AccessTokenRecord & { tokenHash: string }): AccessTokenRecord => ({ ...r });

  const sessionStore: SessionStore = {
    async create(s) {
      sessions.set(s.id, { userId: s.userId, expiresAt: s.expiresAt, revoked: false, tokens: new Map() });
      sessions.get(s.id)!.tokens.set(s.refreshTokenHash, null);
      sessionByToken.set(s.refreshTokenHash, s.id);
    },
    async rotate(oldHash, newHash, now, graceMs = 0) {
      const sessionId = sessionByToken.get(oldHash);
      const s = sessionId ? sessions.get(sessionId) : undefined;
      if (!sessionId || !s) return { ok: false, reason: 'unknown' };
      if (s.revoked) return { ok: false, reason: 'revoked' };
      const rotated = s.tokens.get(oldHash);
      if (rotated) {
        const lostAnswer =
          rotated.replacedBy === newHash &&
          s.tokens.get(newHash) === null &&
          now.getTime() - rotated.rotatedAt.getTime() <= graceMs &&
          s.expiresAt > now;
        if (lostAnswer) return { ok: true, sessionId, userId: s.userId };
        s.revoked = true;
        return { ok: false, reason: 'reused' };
      }
      if (s.expiresAt <= now) return { ok: false, reason: 'expired' };
      s.tokens.set(oldHash, { rotatedAt: now, replacedBy: newHash });
      s.tokens.set(newHash, null);
      sessionByToken.set(newHash, sessionId);
      return { ok: true, sessionId, userId: s.userId };
    },
    async revoke(sessionId) {
      const s = sessions.get(sessionId);
      if (s) s.revoked = true;
    },
    async revokeAllOf(userId) {
      let n = 0;
      for (const s of sessions.values()) {
        if (s.userId !== userId || s.revoked) continue;
        s.revoked = true;
        n++;
      }
      return n;
    },
    async isActive(sessionId, now) {
      const s = sessions.get(sessionId);
      return !!s && !s.revoked && s.expiresAt > now;
    },
  };

  const accessTokenStore: AccessTokenStore = {
    async create(t) {
      const row = { ...t, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
      tokens.set(t.id, row);
      return record(row);
    },
    // Tokens made within one millisecond keep their creation order, newest first (the map holds them
    // in creation order and the sort is stable), as PostgreSQL's microsecond timestamps order them.
    listByUser: async (userId) =>
      [...tokens.values()]
        .filter((t) => t.userId === userId)
        .reverse()
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map(record),
    async revoke(userId, id, now) {
      const t = tokens.get(id);
      if (!t || t.userId !== userId) return false;
      t.revokedAt ??= now;
      return true;
    },
    async revokeAllOf(userId, now) {
      let n = 0;
      for (const t of tokens.values()) {
        if (t.userId !== userId || t.revokedAt) continue;
        t.revokedAt = now;
        n++;
      }
      return n;
    },
    async use(tokenHash, now) {
      const t = [...tokens.values()].find((x) => x.tokenHash === tokenHash && live(x, now));
      if (!t) return null;
      t.lastUsedAt = now;
      return { id: t.id, userId: t.userId };
    },
    async activeCredentialIds(ids, now) {
      return new Set(
        ids.filter((id) => {
          const s = sessions.get(id);
          const t = tokens.get(id);
          return (s && !s.revoked && s.expiresAt > now) || (t && live(t, now));
        }),
      );
    },
  };
  return { sessions: sessionStore, accessTokens: accessTokenStore };
}
