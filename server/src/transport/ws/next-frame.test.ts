import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { framePrefix, nextFrame, writeFrame } from './next-frame';

/** The message of a server frame (FIN, text, unmasked), read by its header's length. */
function message(frame: Buffer): string {
  expect(frame[0]).toBe(0x81);
  const short = frame[1]!;
  const [start, length] =
    short < 126 ? [2, short] : short === 126 ? [4, frame.readUInt16BE(2)] : [10, Number(frame.readBigUInt64BE(2))];
  expect(frame.length).toBe(start + length);
  return frame.subarray(start).toString('utf8');
}

const sized = (chars: number) => ({ data: { events: { seq: 7, text: 'x'.repeat(chars) } } });

describe('nextFrame', () => {
  it('is the message graphql-ws would send, for any id, reusing one result for many subscribers', () => {
    const result = { data: { events: { seq: 7, text: 'héllo "quoted" ✓' } } };
    for (const id of ['1', 'ä"}\\ id', '🙂']) {
      expect(message(nextFrame(framePrefix(id), result))).toBe(JSON.stringify({ id, type: 'next', payload: result }));
    }
  });

  it('gives the length in 7, 16 or 64 bits as the message needs', () => {
    for (const chars of [1, 51, 52, 70_000]) {
      const result = sized(chars);
      expect(message(nextFrame(framePrefix('a'), result))).toBe(
        JSON.stringify({ id: 'a', type: 'next', payload: result }),
      );
    }
    expect(nextFrame(framePrefix('a'), sized(51))[1]).toBe(125);
    expect(nextFrame(framePrefix('a'), sized(52))[1]).toBe(126);
    expect(nextFrame(framePrefix('a'), sized(70_000))[1]).toBe(127);
  });

  it('reaches a ws client whole and in order with what ws sends itself', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    await once(server, 'listening');
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const [socket] = (await once(server, 'connection')) as [WebSocket];
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer, binary: boolean) => {
        expect(binary).toBe(false);
        if (received.push(data.toString()) === 5) resolve();
      }),
    );
    const results = [sized(10), sized(200), sized(70_000)];
    socket.send('before');
    for (const r of results) writeFrame(socket, nextFrame(framePrefix('op'), r));
    socket.send('after');
    await all;
    expect(received).toEqual([
      'before',
      ...results.map((r) => JSON.stringify({ id: 'op', type: 'next', payload: r })),
      'after',
    ]);
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
