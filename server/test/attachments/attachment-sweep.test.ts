import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAttachmentService } from '@parley/core';
import { createMemoryUploadStore } from '@parley/core/memory';
import { createLocalBlobStore, type LocalBlobStore } from '../../src/adapters/blobs/local-blob.store';
import { createMediaInspector } from '../../src/adapters/media/media.inspector';

let dir: string;
let blobs: LocalBlobStore;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-sweep-'));
  blobs = createLocalBlobStore({ dir, secret: 's', baseUrl: '' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('deletes uploads never attached within a day, with their bytes, and keeps attached ones', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const uploads = createMemoryUploadStore();
  const service = createAttachmentService({
    uploads,
    blobs,
    inspector: createMediaInspector(blobs),
    limits: { maxBytes: 1000, maxImageBytes: 1000 },
    now: () => now,
  });
  const announce = async (name: string) => {
    const grant = await service.createUpload('u1', { filename: name, contentType: 'text/plain', byteSize: 5 });
    await blobs.put(`uploads/${grant.id}`, Buffer.from('hello'), 'text/plain');
    return grant.id;
  };
  const kept = await announce('kept.txt');
  const dropped = await announce('dropped.txt');
  await service.attach('u1', [kept], 'u1:send-1');
  now = new Date('2026-01-01T23:00:00Z');
  expect(await service.sweep()).toBe(0);
  now = new Date('2026-01-02T00:00:01Z');
  expect(await service.sweep()).toBe(1);
  expect((await uploads.get([kept, dropped])).map((u) => u.id)).toEqual([kept]);
  expect(await blobs.size(`uploads/${dropped}`)).toBeNull();
  expect(await blobs.size(`uploads/${kept}`)).toBe(5);
});

it('refuses an upload once it has expired, unless the same send attached it already', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const service = createAttachmentService({
    uploads: createMemoryUploadStore(),
    blobs,
    inspector: createMediaInspector(blobs),
    limits: { maxBytes: 1000, maxImageBytes: 1000 },
    now: () => now,
  });
  const grant = await service.createUpload('u1', { filename: 'a.txt', contentType: 'text/plain', byteSize: 2 });
  await blobs.put(`uploads/${grant.id}`, Buffer.from('hi'), 'text/plain');
  now = new Date('2026-01-01T01:00:01Z');
  await expect(service.attach('u1', [grant.id], 'u1:k')).rejects.toMatchObject({
    fields: { uploadIds: `${grant.id} has expired` },
  });
});
