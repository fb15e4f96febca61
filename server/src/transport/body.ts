import type { IncomingMessage } from 'node:http';

/** An HTTP error answered before GraphQL runs. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Stays on a request once its body is read: an error after that must not go unheard (and crash). */
const ignore = () => undefined;

/**
 * Reads the request body, refusing more than `limit` bytes with 413 without buffering the rest.
 * Listeners rather than `for await`: the stream's async iterator costs every request far more than
 * its few chunks do.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `Request body larger than ${limit} bytes`));
  // Nothing more will come: waiting for an end or a close would wait for ever.
  if (req.readableEnded || req.destroyed) return Promise.reject(new Error('Request body already read or gone'));
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const settle = (err: Error | null) => {
      req.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose).on('error', ignore);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks).toString('utf8'));
      // A request can outlive its body (a stream's POST): it keeps none of it.
      chunks = [];
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The rest flows past unbuffered until the answer closes the connection.
      settle(new HttpError(413, `Request body larger than ${limit} bytes`));
    }
    const onEnd = () => settle(null);
    // Closed before its end: the client went away mid-body.
    const onClose = () => settle(new Error('Request closed before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
  });
}
