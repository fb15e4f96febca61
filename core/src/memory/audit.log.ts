import type { AuditEntry, AuditLog } from '../ports/audit-log';

/** {@link AuditLog} in process memory. */
export function createMemoryAuditLog(): AuditLog {
  const entries: AuditEntry[] = [];
  return {
    async append(entry) {
      entries.push(structuredClone({ ...entry, id: String(entries.length + 1) }));
    },
    async list(f, first, beforeId) {
      return entries
        .filter(
          (e) =>
            (!f.action || e.action === f.action) &&
            (!f.actorId || e.actorId === f.actorId) &&
            (!f.targetId || e.targetId === f.targetId) &&
            (!f.since || e.at >= f.since) &&
            (!f.until || e.at < f.until) &&
            (beforeId === null || Number(e.id) < Number(beforeId)),
        )
        .reverse()
        .slice(0, first)
        .map((e) => structuredClone(e));
    },
  };
}
