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

/**
 * Reads the request body, refusing more than `limit` bytes with 413 without buffering the rest.
 * Listeners rather than `for await`: the stream's async iterator costs every request far more than
 * its few chunks do.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `Request body larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // The error listener stays: an error after the body was read must not go unheard.
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('close', onClose);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks).toString('utf8'));
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
