import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientOrigin, UNKNOWN_ADDRESS, clientAddress } from './client-address';

/** A request whose socket counts how often its peer address was read. */
function request(headers: Record<string, string> = {}, peer: string | null = '10.0.0.7') {
  const reads = { count: 0 };
  const socket = {
    get remoteAddress() {
      reads.count++;
      return peer ?? undefined;
    },
  };
  return { req: { headers, socket } as unknown as IncomingMessage, reads };
}

describe('client address', () => {
  it("is the socket's peer, or the first forwarded address behind a trusted proxy only", () => {
    const { req } = request({ 'x-forwarded-for': ' 203.0.113.9 , 10.0.0.1' });
    expect(clientAddress(req, true)).toBe('203.0.113.9');
    expect(clientAddress(req, false)).toBe('10.0.0.7');
    expect(clientAddress(request({ 'x-forwarded-for': '' }).req, true)).toBe('10.0.0.7');
  });

  it("reads a connection's peer address only when an operation asks for it", () => {
    const { req, reads } = request();
    const origin = new ClientOrigin(req, false);
    expect(reads.count).toBe(0);
    expect(origin.address).toBe('10.0.0.7');
    expect(reads.count).toBe(1);
  });

  it('keeps the forwarded address of a trusted proxy without the request', () => {
    const { req, reads } = request({ 'x-forwarded-for': '198.51.100.4' });
    const origin = new ClientOrigin(req, true);
    (req.headers as Record<string, string>)['x-forwarded-for'] = 'changed later';
    expect(origin.address).toBe('198.51.100.4');
    expect(reads.count).toBe(0);
  });

  it('answers a stand-in (which per-address limits then count) once the socket no longer knows its peer', () => {
    expect(new ClientOrigin(request({}, null).req, false).address).toBe(UNKNOWN_ADDRESS);
  });
});
