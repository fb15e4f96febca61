import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createLocalBlobStore } from '../../src/adapters/blobs/local-blob.store';
import { createUploadsHandler } from '../../src/transport/uploads';
import { until } from '../support/client';
import { defineBlobStoreContract } from './blob-store.contract';

/** The local store behind the same `/uploads/` handler a node serves it with. */
async function openLocal() {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-blobs-'));
  const store = createLocalBlobStore({ dir, secret: 'test-blob-secret', baseUrl: '' });
  const handle = createUploadsHandler(store);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void handle(req, res, url.pathname, url.searchParams);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    store,
    dir,
    origin,
    async dispose() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

defineBlobStoreContract('local disk', openLocal);

it('local disk: keys are never paths a client chose', async () => {
  const f = await openLocal();
  try {
    await expect(f.store.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow(/not a blob key/);
    const res = await fetch(`${f.origin}/uploads/..%2F..%2Fetc%2Fpasswd?exp=99999999999&sig=x`);
    expect(res.status).toBe(403);
    expect(f.store.verify('GET', 'uploads/../../x', new URLSearchParams())).toBeNull();
  } finally {
    await f.dispose();
  }
});

it('local disk: a download cannot be run as a page by the browser', async () => {
  const f = await openLocal();
  try {
    const key = 'media/00000000-0000-4000-8000-000000000001';
    await f.store.put(key, Buffer.from('<html><script>alert(1)</script>'), 'text/plain');
    const url = await f.store.readUrl(key, {
      filename: 'a.txt',
      contentType: 'application/octet-stream',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const res = await fetch(f.origin + url);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  } finally {
    await f.dispose();
  }
});

it('local disk: a stalled upload blocks nobody, and an aborted one leaves nothing behind', async () => {
  const f = await openLocal();
  try {
    const key = 'uploads/00000000-0000-4000-8000-000000000002';
    const t = await f.store.uploadTarget(key, 'application/octet-stream', 1_000_000, new Date(Date.now() + 60_000));
    const slow = request(f.origin + t.url, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': '1000000' },
    });
    slow.on('error', () => undefined);
    slow.write(Buffer.alloc(10_000));
    await until(async () => (await readdir(path.join(f.dir, 'uploads')).catch(() => [])).length === 1);
    // While it stalls, the server answers others at once.
    const started = performance.now();
    expect((await fetch(`${f.origin}/uploads/${key}?exp=1&sig=x`)).status).toBe(403);
    expect(performance.now() - started).toBeLessThan(1000);
    slow.destroy();
    await until(async () => (await readdir(path.join(f.dir, 'uploads'))).length === 0);
    expect(await f.store.size(key)).toBeNull();
  } finally {
    await f.dispose();
  }
});
