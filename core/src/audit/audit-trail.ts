import type { AuditAction, AuditEntry, AuditLog } from '../ports/audit-log';

/** Records audit entries for the services; a failure to record is reported, never the caller's failure. */
export function createAuditTrail(log: AuditLog | undefined, onError: (err: unknown) => void) {
  return {
    record(
      action: AuditAction,
      who: { actorId: string | null; targetId?: string | null; ip?: string | null | undefined },
      details: AuditEntry['details'] = {},
    ): void {
      log
        ?.append({
          at: new Date().toISOString(),
          action,
          actorId: who.actorId,
          targetId: who.targetId ?? null,
          ip: who.ip ?? null,
          details,
        })
        .catch(onError);
    },
  };
}

/** What services record audit entries with. */
export type AuditTrail = ReturnType<typeof createAuditTrail>;
