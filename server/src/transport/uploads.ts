import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalBlobStore } from '../adapters/blobs/local-blob.store';
import { contentDisposition } from '../adapters/blobs/content-disposition';

/** Headers on every blob response: the bytes are user content, so the browser must never run them. */
const BLOB_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; media-src 'self'; img-src 'self'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

function answer(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...BLOB_HEADERS });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * `/uploads/<key>` in local-disk mode: PUT stores an upload's bytes and GET serves a blob, each only
 * through a URL this server signed, before it expires. Bytes are streamed, never held whole.
 */
export function createUploadsHandler(blobs: LocalBlobStore) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams) => {
    const key = decodeURIComponent(pathname.slice('/uploads/'.length));
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, PUT, OPTIONS');
      return void res.writeHead(204, BLOB_HEADERS).end();
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET' && method !== 'PUT') {
      res.setHeader('allow', 'GET, HEAD, PUT');
      return answer(res, 405, 'BAD_REQUEST', 'Use GET or PUT');
    }
    const signed = blobs.verify(method, key, query);
    if (!signed) {
      if (method === 'PUT') res.setHeader('connection', 'close');
      return answer(res, 403, 'FORBIDDEN', 'This link is not valid or has expired');
    }
    if (signed.method === 'PUT') {
      const declared = Number(req.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared) && declared !== signed.size) {
        res.setHeader('connection', 'close');
        return answer(res, 400, 'BAD_USER_INPUT', `The upload must be exactly ${signed.size} bytes`);
      }
      const result = await blobs.receive(key, req, signed.size);
      if (result === 'stored') return void res.writeHead(200, BLOB_HEADERS).end();
      if (result === 'aborted') return void res.destroy();
      res.setHeader('connection', 'close');
      return answer(
        res,
        result === 'too-large' ? 413 : 400,
        'BAD_USER_INPUT',
        `The upload must be exactly ${signed.size} bytes`,
      );
    }
    const blob = await blobs.open(key);
    if (!blob) return answer(res, 404, 'NOT_FOUND', 'This file no longer exists');
    res.writeHead(200, {
      ...BLOB_HEADERS,
      'content-type': signed.contentType,
      'content-length': String(blob.size),
      'content-disposition': contentDisposition(signed.contentType, signed.filename),
      // The same URL serves the same bytes until it expires: let the browser keep them that long.
      'cache-control': `private, max-age=${Math.max(0, Math.floor((signed.expiresAt.getTime() - Date.now()) / 1000))}, immutable`,
    });
    if (req.method === 'HEAD') {
      blob.stream.destroy();
      return void res.end();
    }
    blob.stream.on('error', () => res.destroy());
    blob.stream.pipe(res);
  };
}
