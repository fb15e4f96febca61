import type { DataExportRecord, DataExportStore } from '../ports/data-export.store';

/** {@link DataExportStore} in process memory. */
export function createMemoryDataExportStore(): DataExportStore {
  const all: DataExportRecord[] = [];
  return {
    async create(e) {
      all.push({ ...e });
    },
    async latest(userId) {
      const mine = all.filter((e) => e.userId === userId);
      const e = mine[mine.length - 1];
      return e ? { ...e } : null;
    },
    async finish(id, patch) {
      const e = all.find((x) => x.id === id);
      if (e) Object.assign(e, patch);
    },
  };
}
