import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '@parley/core';
import { until } from '../support/client';

/** What each adapter's test hands the contract: the store, and the origin its relative URLs are on. */
export interface BlobStoreFixture {
  store: BlobStore;
  /** Prefix for URLs the store hands out as paths (local disk); '' when they are absolute (S3). */
  origin: string;
  dispose(): Promise<void>;
}

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));
const inAnHour = () => new Date(Date.now() + 3600_000);

/** The behaviour every {@link BlobStore} adapter must have, through the URLs it signs. */
export function defineBlobStoreContract(
  name: string,
  factory: () => Promise<BlobStoreFixture>,
  /** False for a store that cannot refuse a PUT of another length than signed (attaching checks the size again). */
  checksLength = true,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let f: BlobStoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      f = await factory();
      store = f.store;
    });
    afterAll(() => f?.dispose());

    const key = (prefix = 'uploads') => `${prefix}/${randomUUID()}`;
    const put = async (k: string, body: Buffer, size = body.length, expiresAt = inAnHour()) => {
      const t = await store.uploadTarget(k, 'application/octet-stream', size, expiresAt);
      expect(t.method).toBe('PUT');
      const headers = Object.fromEntries(t.headers.map((h) => [h.name, h.value]));
      return fetch(f.origin + t.url, { method: 'PUT', headers, body }).then((r) => r.status);
    };
    const get = (url: string) => fetch(f.origin + url);

    it('takes exactly the announced bytes through the signed upload URL and gives them back', async () => {
      const k = key();
      const body = bytes(70_000);
      expect(await put(k, body)).toBe(200);
      expect(await store.size(k)).toBe(body.length);
      expect(await store.head(k, 4)).toEqual(body.subarray(0, 4));
      expect(await store.head(k, 1_000_000)).toEqual(body);
      const chunks: Buffer[] = [];
      for await (const c of await store.read(k)) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks)).toEqual(body);
    });

    it('serves a blob through a signed read URL with its type and name', async () => {
      const k = key('media');
      await store.put(k, Buffer.from('hello'), 'text/plain');
      const url = await store.readUrl(k, { filename: 'notes ü.txt', contentType: 'text/plain', expiresAt: inAnHour() });
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''notes%20%C3%BC.txt");
      expect(await res.text()).toBe('hello');
    });

    // Not registered at all where it cannot hold (a skipped test would read as a broken setup).
    if (checksLength)
      it('refuses an upload of another size than announced, and keeps nothing of it', async () => {
        const k = key();
        expect(await put(k, bytes(20), 10)).toBeGreaterThanOrEqual(400);
        expect(await store.size(k)).toBeNull();
      });

    it('refuses a tampered or expired URL', async () => {
      const k = key('media');
      await store.put(k, Buffer.from('secret'), 'text/plain');
      const url = await store.readUrl(k, { filename: 'a.txt', contentType: 'text/plain', expiresAt: inAnHour() });
      const other = key('media');
      expect((await get(url.replace(k, other))).status).toBeGreaterThanOrEqual(400);
      const soon = await store.readUrl(k, {
        filename: 'a.txt',
        contentType: 'text/plain',
        expiresAt: new Date(Date.now() + 1500),
      });
      expect((await get(soon)).status).toBe(200);
      await until(async () => (await get(soon)).status >= 400, 10_000);
    });

    it('deletes blobs (missing ones are fine), and their URLs stop serving', async () => {
      const [a, b] = [key('media'), key('thumbs')];
      await store.put(a, Buffer.from('a'), 'text/plain');
      const url = await store.readUrl(a, { filename: 'a', contentType: 'text/plain', expiresAt: inAnHour() });
      await store.delete([a, b]);
      expect(await store.size(a)).toBeNull();
      expect((await get(url)).status).toBe(404);
    });
  });
}
