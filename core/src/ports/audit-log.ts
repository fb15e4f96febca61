/** The security and moderation events worth keeping. */
export const AUDIT_ACTIONS = [
  'auth.login_failed',
  'auth.login_blocked',
  'token.created',
  'token.revoked',
  'member.role_changed',
  'member.removed',
  'user.blocked',
  'user.unblocked',
  'report.created',
  'report.resolved',
  'moderation.user_suspended',
  'moderation.suspension_lifted',
  'moderation.message_deleted',
  'moderation.appeal_made',
  'moderation.appeal_decided',
  'account.exported',
  'account.deleted',
  'server.role_changed',
  'retention.changed',
  'retention.run',
] as const;

/** A security or moderation event worth keeping. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the audit log; `details` never holds secrets or message text. */
export interface AuditEntry {
  /** Increasing: a later entry has a larger id. */
  id: string;
  at: string;
  action: AuditAction;
  /** Who did it; null when unknown (a failed log-in). */
  actorId: string | null;
  /** Whom or what it was done to (a user, a token, a conversation). */
  targetId: string | null;
  ip: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** Which entries to list. */
export interface AuditFilter {
  action?: AuditAction | null;
  actorId?: string | null;
  targetId?: string | null;
  since?: string | null;
  until?: string | null;
}

/**
 * An append-only record of security and moderation events. There is no way to change or remove an
 * entry through this port, and the SQL table refuses UPDATE and DELETE.
 */
export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Entries matching `filter`, newest first, older than the entry `beforeId` when given. */
  list(filter: AuditFilter, first: number, beforeId: string | null): Promise<AuditEntry[]>;
}
