import { once } from 'node:events';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, readBody } from './body';

const LIMIT = 1000;

describe('readBody', () => {
  let outcome: Promise<string>;
  const server = createServer((req: IncomingMessage, res) => {
    outcome = readBody(req, LIMIT);
    outcome.then(
      (body) => res.end(`got ${body.length}`),
      (err: unknown) => res.writeHead(err instanceof HttpError ? err.status : 500, { connection: 'close' }).end(),
    );
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  /** Sends `chunks` one by one; `abort` cuts the connection after them instead of ending the body. */
  async function post(chunks: string[], abort = false): Promise<number | 'aborted'> {
    if (!server.listening) await once(server.listen(0, '127.0.0.1'), 'listening');
    const req = request({ port: (server.address() as AddressInfo).port, method: 'POST' });
    const answered = once(req, 'response').then(
      ([res]: IncomingMessage[]) => res!.resume().statusCode!,
      () => 'aborted' as const,
    );
    for (const c of chunks) req.write(c);
    if (abort) {
      req.flushHeaders();
      await new Promise((r) => setTimeout(r, 50));
      req.on('error', () => undefined).destroy();
      return 'aborted';
    }
    req.end();
    return answered;
  }

  it('reads a body sent in chunks, up to the limit', async () => {
    expect(await post(['a'.repeat(500), 'b'.repeat(500)])).toBe(200);
    expect(await outcome).toBe('a'.repeat(500) + 'b'.repeat(500));
  });

  it('refuses a streamed body over the limit with 413 without waiting for its end', async () => {
    expect(await post(['a'.repeat(600), 'b'.repeat(600)])).toBe(413);
    await expect(outcome).rejects.toMatchObject({ status: 413 });
  });

  it('fails, rather than waits for ever, when the client goes away mid-body', async () => {
    expect(await post(['a'.repeat(100)], true)).toBe('aborted');
    await expect(outcome).rejects.toThrow();
  });
});
