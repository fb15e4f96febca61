import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '@parley/core';

/** Settings of {@link createLocalBlobStore}. */
export interface LocalBlobStoreOptions {
  /** Where blobs live, e.g. `DATA_DIR/blobs`. */
  dir: string;
  /** Signs upload and download URLs. */
  secret: string;
  /** Prefix of the URLs handed out: `` for same-origin paths, or the public origin. */
  baseUrl: string;
}

/** What a verified signed URL allows. */
export type SignedRequest =
  | { method: 'PUT'; key: string; size: number; contentType: string }
  | { method: 'GET'; key: string; filename: string; contentType: string; expiresAt: Date };

/** How receiving an upload's bytes ended. */
export type ReceiveResult = 'stored' | 'too-large' | 'wrong-size' | 'aborted';

/** Blobs on local disk, served by this server at `/uploads/<key>` through signed, expiring URLs. */
export interface LocalBlobStore extends BlobStore {
  /** The request a signed URL allows, or null for a bad or expired signature. */
  verify(method: string, key: string, query: URLSearchParams, now?: Date): SignedRequest | null;
  /** Stores exactly `size` bytes from `body` at `key`, all or nothing. */
  receive(key: string, body: Readable, size: number): Promise<ReceiveResult>;
  /** The blob's size and a stream of it, or null when missing. */
  open(key: string): Promise<{ size: number; stream: Readable } | null>;
}

/** Keys are ours (`uploads/<uuid>`, `media/<uuid>`, `thumbs/<uuid>`): never a path a client chose. */
const KEY = /^[a-z]{1,16}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `key` names a blob this store may hold. */
export const isBlobKey = (key: string): boolean => KEY.test(key);

/** {@link BlobStore} on local disk. */
export function createLocalBlobStore(o: LocalBlobStoreOptions): LocalBlobStore {
  const fileOf = (key: string): string => {
    if (!isBlobKey(key)) throw new Error(`not a blob key: ${key}`);
    return path.join(o.dir, key);
  };
  const sign = (fields: readonly string[]): string =>
    createHmac('sha256', o.secret).update(fields.join('\n')).digest('base64url');
  const url = (key: string, params: Record<string, string>): string =>
    `${o.baseUrl}/uploads/${key}?${new URLSearchParams(params).toString()}`;
  const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

  return {
    async uploadTarget(key, contentType, byteSize, expiresAt) {
      fileOf(key);
      const exp = seconds(expiresAt);
      const sig = sign(['PUT', key, exp, String(byteSize), contentType]);
      return {
        url: url(key, { exp, size: String(byteSize), type: contentType, sig }),
        method: 'PUT',
        headers: [{ name: 'content-type', value: contentType }],
      };
    },
    async readUrl(key, { filename, contentType, expiresAt }) {
      fileOf(key);
      const exp = seconds(expiresAt);
      const sig = sign(['GET', key, exp, filename, contentType]);
      return url(key, { exp, name: filename, type: contentType, sig });
    },
    verify(method, key, q, now = new Date()) {
      if (!isBlobKey(key)) return null;
      const exp = q.get('exp') ?? '';
      const expSeconds = Number(exp);
      if (!/^\d{1,12}$/.test(exp) || expSeconds * 1000 <= now.getTime()) return null;
      const fields =
        method === 'PUT'
          ? ['PUT', key, exp, q.get('size') ?? '', q.get('type') ?? '']
          : ['GET', key, exp, q.get('name') ?? '', q.get('type') ?? ''];
      const given = Buffer.from(q.get('sig') ?? '');
      const expected = Buffer.from(sign(fields));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      if (method === 'PUT') return { method, key, size: Number(fields[3]), contentType: fields[4]! };
      return {
        method: 'GET',
        key,
        filename: fields[3]!,
        contentType: fields[4]!,
        expiresAt: new Date(expSeconds * 1000),
      };
    },
    async receive(key, body, size) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside the target and renamed when complete, so a reader never sees half a file.
      const part = `${file}.${randomBytes(6).toString('hex')}.part`;
      let received = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          done(received > size ? new TooLarge() : null, chunk);
        },
      });
      try {
        await pipeline(body, counter, createWriteStream(part, { flags: 'wx' }));
      } catch (err) {
        await rm(part, { force: true });
        if (err instanceof TooLarge) return 'too-large';
        // The client went away mid-upload: an everyday event, not a server fault.
        if (
          body.destroyed ||
          ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes((err as { code?: string }).code ?? '')
        ) {
          return 'aborted';
        }
        throw err;
      }
      if (received !== size) {
        await rm(part, { force: true });
        return 'wrong-size';
      }
      await rename(part, file);
      return 'stored';
    },
    async open(key) {
      const size = await this.size(key);
      return size === null ? null : { size, stream: createReadStream(fileOf(key)) };
    },
    async size(key) {
      const s = await stat(fileOf(key)).catch(() => null);
      return s?.isFile() ? s.size : null;
    },
    async head(key, length) {
      const handle = await open(fileOf(key), 'r');
      try {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async read(key) {
      if ((await this.size(key)) === null) throw new Error(`no blob at ${key}`);
      return createReadStream(fileOf(key));
    },
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const part = `${file}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(part, bytes);
      await rename(part, file);
    },
    async delete(keys) {
      await Promise.all(keys.map((k) => rm(fileOf(k), { force: true })));
    },
  };
}

class TooLarge extends Error {
  override name = 'TooLarge';
}
