// The fan-out load's WebSocket client: only what thousands of subscribers that count frames need.
// On two cores the load generator takes CPU from the server it measures, so its cost per received
// frame matters. Every socket reads into one shared buffer (`onread`: no stream layer, no new memory
// per read) and a frame is handed on as a view of it, valid until the callback returns. Against the
// `ws` client this takes about 15 % less CPU per frame (bench/README.md). Not a general client:
// fragmented messages are not reassembled (none of the servers measured fragments its frames).
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Every socket's reads land here, one at a time; a frame that spans reads is copied out. */
const SHARED = Buffer.allocUnsafe(256 * 1024);
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface LeanSocket {
  /** Sends a text frame (masked, as a client must). */
  send(text: string): void;
  /** Sends a close frame; resolves once the server closed the connection. */
  close(): Promise<void>;
  /** Drops the connection at once. */
  terminate(): void;
}

export interface LeanHandlers {
  /** The socket is open (upgraded). */
  open(): void;
  /** A data frame's payload (fragments one by one): `data` is only valid during the call. */
  frame(data: Buffer): void;
  /** Also when the connection closes, unless `close()` or `terminate()` asked for it. */
  error(err: Error): void;
}

/** How long `close()` waits for the server to close the connection. */
const CLOSE_WAIT_MS = 5000;

function frameOf(opcode: number, payload: Buffer): Buffer {
  const size = payload.length;
  const head = size < 126 ? 2 : size < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + size);
  out[0] = 0x80 | opcode;
  if (size < 126) out[1] = 0x80 | size;
  else if (head === 4) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(size, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(size), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, head);
  for (let i = 0; i < size; i++) out[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

/** Opens `url` (ws://host:port/path) with an optional subprotocol. */
export function openLeanSocket(url: string, protocol: string | undefined, on: LeanHandlers): LeanSocket {
  const { host, hostname, port, pathname, search } = new URL(url);
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  let upgraded = false;
  /** Bytes of an unfinished handshake or frame, kept from the previous read. */
  let pending: Buffer | null = null;
  let closing: Promise<void> | undefined;

  const fail = (message: string) => {
    socket.destroy();
    on.error(new Error(`${url}: ${message}`));
  };

  /** Handles whole frames from `buf`; returns where the unfinished one starts. */
  function frames(buf: Buffer, end: number): number {
    let at = 0;
    while (end - at >= 2) {
      const opcode = buf[at]! & 0x0f;
      let size = buf[at + 1]! & 0x7f;
      let head = 2;
      if (buf[at + 1]! & 0x80) {
        fail('the server masked a frame');
        return end;
      }
      if (size === 126) {
        if (end - at < 4) break;
        size = buf.readUInt16BE(at + 2);
        head = 4;
      } else if (size === 127) {
        if (end - at < 10) break;
        size = Number(buf.readBigUInt64BE(at + 2));
        head = 10;
      }
      if (end - at < head + size) break;
      const payload = buf.subarray(at + head, at + head + size);
      at += head + size;
      // frameOf copies (masks) the payload out of the shared buffer before returning.
      if (opcode === 0x9) socket.write(frameOf(0xa, payload));
      else if (opcode === 0x8) socket.end(frameOf(0x8, payload.subarray(0, 2)));
      else if (opcode !== 0xa) on.frame(payload);
    }
    return at;
  }

  function handshake(buf: Buffer, end: number): number {
    const done = buf.subarray(0, end).indexOf('\r\n\r\n');
    if (done < 0) return 0;
    const head = buf.toString('latin1', 0, done);
    if (!head.startsWith('HTTP/1.1 101')) {
      fail(`upgrade refused: ${head.split('\r\n')[0]}`);
      return end;
    }
    if (/^sec-websocket-accept:\s*(\S+)/im.exec(head)?.[1] !== accept) {
      fail('wrong Sec-WebSocket-Accept');
      return end;
    }
    upgraded = true;
    on.open();
    return done + 4;
  }

  function read(bytes: number, buf: Buffer): true {
    let data = buf;
    let end = bytes;
    if (pending) {
      data = Buffer.concat([pending, buf.subarray(0, bytes)]);
      end = data.length;
      pending = null;
    }
    let at = upgraded ? 0 : handshake(data, end);
    if (upgraded && !socket.destroyed) at += frames(data.subarray(at), end - at);
    if (at < end && !socket.destroyed) pending = Buffer.from(data.subarray(at, end));
    return true;
  }

  const socket: Socket = connect({
    host: hostname,
    port: Number(port || 80),
    noDelay: true,
    onread: { buffer: SHARED, callback: (bytes, buf) => read(bytes, buf as Buffer) },
  });
  socket.on('connect', () =>
    socket.write(
      `GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
        (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
        '\r\n',
    ),
  );
  socket.on('error', (err) => on.error(err));
  socket.on('close', () => {
    if (!closing) on.error(new Error(`${url}: closed ${upgraded ? 'by the server' : 'before the upgrade'}`));
  });

  return {
    send: (text) => void socket.write(frameOf(0x1, Buffer.from(text))),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        const timer = setTimeout(() => socket.destroy(), CLOSE_WAIT_MS);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.write(frameOf(0x8, Buffer.from([0x03, 0xe8])));
      })),
    terminate: () => {
      closing ??= Promise.resolve();
      socket.destroy();
    },
  };
}
