import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { BlobStore } from '@parley/core';
import { contentDisposition } from './content-disposition';

/** Settings of {@link createS3BlobStore}. */
export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible stores (MinIO, R2, …); AWS when omitted. */
  endpoint?: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`, as most S3-compatible stores want. */
  forcePathStyle: boolean;
}

/** Longest a presigned URL may live (S3's limit is 7 days). */
const MAX_URL_SECONDS = 7 * 24 * 3600;

const secondsUntil = (d: Date): number =>
  Math.min(MAX_URL_SECONDS, Math.max(1, Math.ceil((d.getTime() - Date.now()) / 1000)));

/**
 * {@link BlobStore} on S3 or an S3-compatible store: clients PUT and GET through presigned URLs, so
 * file bytes never pass through Parley's nodes except when a file is inspected once.
 */
export function createS3BlobStore(o: S3BlobStoreOptions): BlobStore & { dispose(): void } {
  const s3 = new S3Client({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    forcePathStyle: o.forcePathStyle,
    // Otherwise a presigned PUT carries the checksum of an empty body, and S3 refuses the real one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
  });
  const Bucket = o.bucket;

  return {
    async uploadTarget(key, contentType, byteSize, expiresAt) {
      // Content-Length and Content-Type are signed: the store refuses any other size or type.
      const url = await getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: byteSize }),
        { expiresIn: secondsUntil(expiresAt), signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { url, method: 'PUT', headers: [{ name: 'content-type', value: contentType }] };
    },
    async readUrl(key, { filename, contentType, expiresAt }) {
      return getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: contentType,
          ResponseContentDisposition: contentDisposition(contentType, filename),
        }),
        { expiresIn: secondsUntil(expiresAt) },
      );
    },
    async size(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw err;
      }
    },
    async head(key, length) {
      const res = await s3.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${length - 1}` }));
      return Buffer.from(await res.Body!.transformToByteArray()).subarray(0, length);
    },
    async read(key) {
      const res = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
      return res.Body as Readable;
    },
    async put(key, bytes, contentType) {
      await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
      }
    },
    dispose() {
      s3.destroy();
    },
  };
}
