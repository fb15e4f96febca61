import type { SuspensionRecord, SuspensionStore } from '../ports/suspension.store';

/** {@link SuspensionStore} in process memory. */
export function createMemorySuspensionStore(): SuspensionStore {
  const all: SuspensionRecord[] = [];
  const current = (userId: string, now: string) =>
    all.find((s) => s.userId === userId && s.liftedAt === null && (s.until === null || s.until > now));
  return {
    async suspend(s) {
      const before = current(s.userId, s.at);
      if (before) before.liftedAt = s.at;
      all.push({ ...s });
    },
    async inForce(userId, now) {
      const s = current(userId, now);
      return s ? { ...s } : null;
    },
    async lift(userId, now) {
      const s = current(userId, now);
      if (!s) return false;
      s.liftedAt = now;
      return true;
    },
  };
}
