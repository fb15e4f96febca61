import type { AppealRecord, SuspensionRecord, SuspensionStore } from '../ports/suspension.store';

/** {@link SuspensionStore} in process memory. */
export function createMemorySuspensionStore(): SuspensionStore {
  const all: SuspensionRecord[] = [];
  const appeals: AppealRecord[] = [];
  const current = (userId: string, now: string) =>
    all.find((s) => s.userId === userId && s.liftedAt === null && (s.until === null || s.until > now));
  return {
    async suspend(s) {
      const before = current(s.userId, s.at);
      if (before) before.liftedAt = s.at;
      all.push({ ...s });
    },
    async inForce(userIds, now) {
      return new Map(
        userIds.flatMap((id) => {
          const s = current(id, now);
          return s ? [[id, { ...s }] as const] : [];
        }),
      );
    },
    async lift(userId, now) {
      const s = current(userId, now);
      if (!s) return false;
      s.liftedAt = now;
      return true;
    },
    async get(id) {
      const s = all.find((x) => x.id === id);
      return s ? { ...s } : null;
    },
    async appeal(a) {
      if (appeals.some((x) => x.suspensionId === a.suspensionId)) return false;
      appeals.push(structuredClone(a));
      return true;
    },
    async getAppeal(id) {
      const a = appeals.find((x) => x.id === id);
      return a ? structuredClone(a) : null;
    },
    async appeals(status, first) {
      return appeals
        .filter((a) => a.status === status)
        .slice(0, first)
        .map((a) => structuredClone(a));
    },
    async decideAppeal(id, status, decision) {
      const a = appeals.find((x) => x.id === id);
      if (!a || a.status !== 'OPEN') return false;
      a.status = status;
      a.decision = { ...decision };
      return true;
    },
  };
}
