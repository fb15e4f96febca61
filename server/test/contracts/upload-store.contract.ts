import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, UploadRecord, UploadStore } from '@parley/core';

/** What each adapter's test hands the contract: the store, and a way to make users it may refer to. */
export interface UploadStoreFixture {
  store: UploadStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();

/** The behaviour every {@link UploadStore} adapter must have. */
export function defineUploadStoreContract(name: string, factory: () => Promise<UploadStoreFixture>): void {
  describe(`UploadStore contract: ${name}`, () => {
    let f: UploadStoreFixture;
    let store: UploadStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };
    const upload = async (uploaderId: string, createdHour = 1): Promise<UploadRecord> => {
      const id = randomUUID();
      const u: UploadRecord = {
        id,
        uploaderId,
        filename: 'cat.png',
        declaredType: 'image/png',
        byteSize: 10,
        blobKey: `uploads/${id}`,
        createdAt: at(createdHour),
        expiresAt: at(createdHour + 1),
        attachment: null,
        claimKey: null,
      };
      await store.create(u);
      return u;
    };
    const attachment = (id: string): Attachment => ({
      id,
      kind: 'IMAGE',
      filename: 'cat.png',
      contentType: 'image/png',
      byteSize: 9,
      blobKey: `media/${id}`,
      thumbnailKey: `thumbs/${id}`,
      width: 3,
      height: 2,
      durationMs: null,
    });

    it('gives back what was created, and what was learnt of its bytes', async () => {
      const u = await upload(await user());
      expect(await store.get([u.id, randomUUID()])).toEqual([u]);
      await store.saveAttachment(u.id, attachment(u.id));
      expect((await store.get([u.id]))[0]!.attachment).toEqual(attachment(u.id));
    });

    it('claims all of a send’s uploads or none, for their uploader only, before they expire', async () => {
      const me = await user();
      const [a, b] = [await upload(me), await upload(me)];
      expect(await store.claim([a.id, b.id], await user(), 'x:1', at(1))).toBe(false);
      expect(await store.claim([a.id, b.id], me, 'me:1', at(3))).toBe(false);
      expect(await store.claim([a.id, randomUUID()], me, 'me:1', at(1))).toBe(false);
      expect((await store.get([a.id]))[0]!.claimKey).toBeNull();
      expect(await store.claim([a.id, b.id], me, 'me:1', at(1))).toBe(true);
      expect((await store.get([a.id, b.id])).map((u) => u.claimKey)).toEqual(['me:1', 'me:1']);
    });

    it('lets the same send claim again (a retry), another send never', async () => {
      const me = await user();
      const a = await upload(me);
      expect(await store.claim([a.id], me, 'me:1', at(1))).toBe(true);
      expect(await store.claim([a.id], me, 'me:1', at(5))).toBe(true);
      expect(await store.claim([a.id], me, 'me:2', at(1))).toBe(false);
    });

    it('lets exactly one of two racing sends claim an upload', async () => {
      const me = await user();
      const a = await upload(me);
      const results = await Promise.all([
        store.claim([a.id], me, 'me:1', at(1)),
        store.claim([a.id], me, 'me:2', at(1)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('releases a failed send’s claim, and only that send’s', async () => {
      const me = await user();
      const a = await upload(me);
      await store.claim([a.id], me, 'me:1', at(1));
      await store.release([a.id], 'me:2');
      expect((await store.get([a.id]))[0]!.claimKey).toBe('me:1');
      await store.release([a.id], 'me:1');
      expect((await store.get([a.id]))[0]!.claimKey).toBeNull();
    });

    it('lists unattached uploads created before a time, oldest first, and deletes them', async () => {
      const me = await user();
      const old = await upload(me, 0);
      const older = await upload(me, -1);
      const attached = await upload(me, 0);
      await store.claim([attached.id], me, 'me:1', at(0));
      const young = await upload(me, 5);
      const found = (await store.abandoned(at(2), 1000)).map((u) => u.id);
      expect(found.filter((id) => [old.id, older.id, attached.id, young.id].includes(id))).toEqual([older.id, old.id]);
      await store.delete([old.id, older.id]);
      expect(await store.get([old.id, older.id])).toEqual([]);
    });
  });
}
