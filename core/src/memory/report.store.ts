import type { ReportRecord, ReportStore } from '../ports/report.store';

/** {@link ReportStore} in process memory. */
export function createMemoryReportStore(): ReportStore {
  const reports: ReportRecord[] = [];
  const copy = (r: ReportRecord) => structuredClone(r);
  const sameSubject = (a: ReportRecord, b: ReportRecord) =>
    a.reporterId === b.reporterId &&
    a.status === 'OPEN' &&
    (a.message?.messageId ?? null) === (b.message?.messageId ?? null) &&
    (b.message !== null || a.targetUserId === b.targetUserId);
  return {
    async create(report) {
      if (reports.some((r) => sameSubject(r, report))) return false;
      reports.push(copy(report));
      return true;
    },
    async get(id) {
      const r = reports.find((x) => x.id === id);
      return r ? copy(r) : null;
    },
    async list(status, first, beforeId) {
      const i = beforeId === null ? reports.length : reports.findIndex((r) => r.id === beforeId);
      return reports
        .slice(0, i < 0 ? 0 : i)
        .filter((r) => r.status === status)
        .reverse()
        .slice(0, first)
        .map(copy);
    },
    async resolve(id, resolution) {
      const r = reports.find((x) => x.id === id);
      if (!r || r.status !== 'OPEN') return false;
      r.status = 'RESOLVED';
      r.resolution = { ...resolution };
      return true;
    },
  };
}
