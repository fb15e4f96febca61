import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// s3rver ships no types; this is the part of its API the tests use.
// @ts-expect-error -- untyped package
import S3rver from 's3rver';
import type { S3BlobStoreOptions } from '../../src/adapters/blobs/s3-blob.store';

/** A real S3-compatible HTTP server on a free loopback port, with one empty bucket. */
export interface TestS3 {
  options: S3BlobStoreOptions;
  /** The configuration variables that point a node at it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts s3rver (its default credentials are S3RVER / S3RVER; it checks signatures like S3). */
export async function startTestS3(bucket = 'parley'): Promise<TestS3> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const options: S3BlobStoreOptions = {
    bucket,
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  return {
    options,
    env: {
      S3_BUCKET: bucket,
      S3_REGION: options.region,
      S3_ENDPOINT: options.endpoint!,
      S3_ACCESS_KEY_ID: options.accessKeyId,
      S3_SECRET_ACCESS_KEY: options.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
