import type { Readable } from 'node:stream';

/** Where and how a client sends an upload's bytes. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: { name: string; value: string }[];
}

/** How a signed read URL presents the blob. */
export interface ReadUrlOptions {
  filename: string;
  contentType: string;
  /** When the URL stops working. */
  expiresAt: Date;
}

/**
 * Bytes of uploads and their derivatives, by key. Clients write and read them directly through
 * signed, expiring URLs; the server reads them only to inspect a file once, when it is attached.
 */
export interface BlobStore {
  /** A signed URL that accepts exactly `byteSize` bytes for `key` until `expiresAt`. */
  uploadTarget(key: string, contentType: string, byteSize: number, expiresAt: Date): Promise<UploadTarget>;
  /** A signed URL that serves `key` until `options.expiresAt`. */
  readUrl(key: string, options: ReadUrlOptions): Promise<string>;
  /** The stored size, or null when nothing is stored at `key`. */
  size(key: string): Promise<number | null>;
  /** Up to `length` bytes from the start (fewer when the blob is shorter). */
  head(key: string, length: number): Promise<Buffer>;
  /** The whole blob as a stream. @throws when nothing is stored at `key`. */
  read(key: string): Promise<Readable>;
  /** Stores `bytes` at `key`, replacing what was there. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Deletes the blobs; missing keys are fine. */
  delete(keys: readonly string[]): Promise<void>;
}
