import { once } from 'node:events';
import { createServer, request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError, readBody } from './body';

const LIMIT = 1000;

describe('readBody', () => {
  let outcome: Promise<string> | undefined;
  let received: Promise<void>;
  let heard: () => void;
  const server = createServer((req: IncomingMessage, res) => {
    const read = readBody(req, LIMIT);
    outcome = read;
    heard();
    read.then(
      (body) => res.end(`got ${body.length}`),
      (err: unknown) => res.writeHead(err instanceof HttpError ? err.status : 500, { connection: 'close' }).end(),
    );
  });
  beforeEach(async () => {
    outcome = undefined;
    received = new Promise((resolve) => (heard = resolve));
    if (!server.listening) await once(server.listen(0, '127.0.0.1'), 'listening');
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  /** Starts a POST and writes `chunks`, leaving the body open; resolves with the answer's status. */
  function post(chunks: string[]): { req: ClientRequest; status: Promise<number | 'aborted'> } {
    const req = request({ port: (server.address() as AddressInfo).port, method: 'POST' });
    const status = once(req, 'response').then(
      ([res]: IncomingMessage[]) => res!.resume().statusCode!,
      () => 'aborted' as const,
    );
    req.flushHeaders();
    for (const c of chunks) req.write(c);
    return { req, status };
  }

  it('reads a body sent in chunks, up to the limit', async () => {
    const { req, status } = post(['a'.repeat(500), 'b'.repeat(500)]);
    req.end();
    expect(await status).toBe(200);
    expect(await outcome).toBe('a'.repeat(500) + 'b'.repeat(500));
  });

  it('refuses a body over the limit with 413 while the client is still sending it', async () => {
    const { req, status } = post(['a'.repeat(600), 'b'.repeat(600)]);
    expect(await status).toBe(413);
    await expect(outcome).rejects.toMatchObject({ status: 413 });
    req.destroy();
  });

  it('fails, rather than waits for ever, when the client goes away mid-body', async () => {
    const { req, status } = post(['a'.repeat(100)]);
    await received;
    req.destroy();
    expect(await status).toBe('aborted');
    // Node reports the abort as an error, or the close without an end: either way it settles.
    await expect(outcome).rejects.toThrow();
  });

  it('fails at once for a body that was read already, where no end or close would come', async () => {
    const gone = Object.assign(Readable.from([Buffer.from('x')]), { headers: {} });
    for await (const chunk of gone) expect(chunk).toBeDefined();
    await expect(readBody(gone as unknown as IncomingMessage, LIMIT)).rejects.toThrow(/already read/);
  });
});
