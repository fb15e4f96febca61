import type { UploadRecord, UploadStore } from '../ports/upload.store';

/** {@link UploadStore} in process memory. */
export function createMemoryUploadStore(): UploadStore {
  const uploads = new Map<string, UploadRecord>();
  const copy = (u: UploadRecord): UploadRecord => structuredClone(u);
  return {
    async create(upload) {
      uploads.set(upload.id, copy(upload));
    },
    async get(ids) {
      return ids.flatMap((id) => {
        const u = uploads.get(id);
        return u ? [copy(u)] : [];
      });
    },
    async saveAttachment(id, attachment) {
      const u = uploads.get(id);
      if (u) u.attachment = structuredClone(attachment);
    },
    async claim(ids, uploaderId, claimKey, now) {
      const all = ids.map((id) => uploads.get(id));
      const ok = all.every(
        (u) =>
          u !== undefined &&
          u.uploaderId === uploaderId &&
          (u.claimKey === claimKey || (u.claimKey === null && u.expiresAt > now)),
      );
      if (ok) for (const u of all) u!.claimKey = claimKey;
      return ok;
    },
    async release(ids, claimKey) {
      for (const id of ids) {
        const u = uploads.get(id);
        if (u?.claimKey === claimKey) u.claimKey = null;
      }
    },
    async abandoned(before, limit) {
      return [...uploads.values()]
        .filter((u) => u.claimKey === null && u.createdAt < before)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
        .slice(0, limit)
        .map(copy);
    },
    async delete(ids) {
      for (const id of ids) uploads.delete(id);
    },
  };
}
