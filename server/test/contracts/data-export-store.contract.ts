import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataExportStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface DataExportStoreFixture {
  store: DataExportStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link DataExportStore} adapter must have. */
export function defineDataExportStoreContract(name: string, factory: () => Promise<DataExportStoreFixture>): void {
  describe(`DataExportStore contract: ${name}`, () => {
    let f: DataExportStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());

    it('gives back a user’s newest export, pending then finished', async () => {
      const u = randomUUID();
      await f.createUser(u);
      expect(await f.store.latest(u)).toBeNull();
      const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
      const older = {
        id: randomUUID(),
        userId: u,
        status: 'PENDING' as const,
        createdAt: at,
        readyAt: null,
        blobKey: null,
        byteSize: null,
      };
      const newer = { ...older, id: randomUUID() };
      await f.store.create(older);
      await f.store.create(newer);
      expect(await f.store.latest(u)).toEqual(newer);
      const done = { status: 'READY' as const, readyAt: at, blobKey: `exports/${newer.id}`, byteSize: 1234 };
      await f.store.finish(newer.id, done);
      expect(await f.store.latest(u)).toEqual({ ...newer, ...done });
    });
  });
}
