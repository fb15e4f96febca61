import { once } from 'node:events';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app';
import { rawSocket } from '../support/abuse';
import { ok } from '../support/chat';
import { gql, until } from '../support/client';
import { signUp } from '../support/users';

const EVENTS = `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq ... on MessageAdded { message { text } } } }`;

let key = 0;
const createGroup = (url: string, token: string) =>
  ok<{ id: string }>(
    gql(url, 'mutation { createGroup(input: { title: "protocol", memberIds: [] }) { id } }', {}, token),
  );
const sendText = (url: string, token: string, conversationId: string, text: string) =>
  ok(gql(url, OPS_SEND, { i: { conversationId, clientMessageId: `p${key++}`, text } }, token));
const OPS_SEND = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }';

/**
 * The graphql-transport-ws protocol as the server speaks it: every message type, every close code
 * a misbehaving client earns, and the keep-alive that drops a peer which stopped answering.
 */
describe('WebSocket protocol (graphql-transport-ws)', () => {
  const app = useTestApp('pglite', { WS_KEEPALIVE_MS: '300' });

  it('answers ping with pong (echoing its payload), a query with next and complete', async () => {
    const user = await signUp(app.url, 'proto');
    const s = rawSocket(app.url, { token: user.token });
    await s.acked;
    s.send({ type: 'ping', payload: { at: 1 } });
    s.send({ type: 'ping' });
    s.subscribe('q', '{ me { id } }');
    await until(() => s.messages.some((m) => m.type === 'complete'));
    expect(s.messages.filter((m) => m.type === 'pong')).toEqual([
      { type: 'pong', payload: { at: 1 } },
      { type: 'pong' },
    ]);
    const answer = s.messages.filter((m) => m.id === 'q');
    expect(answer).toEqual([
      { id: 'q', type: 'next', payload: { data: { me: { id: user.id } } } },
      { id: 'q', type: 'complete' },
    ]);
    s.ws.close();
  });

  it('sends nothing more for an operation the client completed, and lets its id be used again', async () => {
    const alice = await signUp(app.url, 'proto');
    const group = await createGroup(app.url, alice.token);
    const s = rawSocket(app.url, { token: alice.token });
    await s.acked;
    s.subscribe('e', EVENTS, { c: group.id });
    await until(async () => {
      await sendText(app.url, alice.token, group.id, 'one');
      return s.messages.some((m) => m.type === 'next');
    });
    s.send({ id: 'e', type: 'complete' });
    s.subscribe('q', '{ me { id } }');
    await until(() => s.messages.some((m) => m.id === 'q' && m.type === 'complete'));
    const before = s.messages.filter((m) => m.id === 'e').length;
    await sendText(app.url, alice.token, group.id, 'after');
    s.subscribe('e', EVENTS, { c: group.id });
    await sendText(app.url, alice.token, group.id, 'again');
    await until(() =>
      s.messages.some((m) => m.id === 'e' && m.payload?.data?.conversationEvents?.message?.text === 'again'),
    );
    const texts = s.messages.filter((m) => m.id === 'e').map((m) => m.payload?.data?.conversationEvents?.message?.text);
    expect(texts.slice(before)).toEqual(['again']);
    expect(s.messages.some((m) => m.id === 'e' && m.type === 'complete')).toBe(false);
    s.ws.close();
  });

  it('closes with the protocol code for each misbehaviour', async () => {
    const user = await signUp(app.url, 'proto');
    const early = rawSocket(app.url, { init: false });
    early.ws.once('open', () => early.subscribe('x', '{ me { id } }'));
    expect((await early.closed).code).toBe(4401);

    const twice = rawSocket(app.url, { token: user.token });
    await twice.acked;
    twice.send({ type: 'connection_init', payload: {} });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });

    const duplicate = rawSocket(app.url, { token: user.token });
    await duplicate.acked;
    const group = await createGroup(app.url, user.token);
    duplicate.subscribe('d', EVENTS, { c: group.id });
    duplicate.subscribe('d', EVENTS, { c: group.id });
    expect(await duplicate.closed).toEqual({ code: 4409, reason: 'Subscriber for d already exists' });

    for (const bad of ['not json', JSON.stringify({ type: 'next', id: 'x', payload: {} }), '{"type":"subscribe"}']) {
      const s = rawSocket(app.url, { token: user.token });
      await s.acked;
      s.send(bad);
      expect((await s.closed).code).toBe(4400);
    }

    // No subprotocol offered (one the server does not speak is not agreed in the handshake at all).
    const wrong = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`);
    const code = await new Promise<number>((resolve) => wrong.on('close', (c) => resolve(c)));
    expect(code).toBe(4406);

    const bad = rawSocket(app.url, { token: 'not-a-token' });
    expect((await bad.closed).code).toBe(4403);
  });

  it('pings its sockets a slice at a time, each once an interval, not all at once', async () => {
    const users = await Promise.all([0, 1, 2, 3].map(() => signUp(app.url, 'pinged')));
    const sockets = [];
    // Signed in one after another, so their ids (and slices) follow each other.
    for (let k = 0; k < 16; k++) {
      const s = rawSocket(app.url, { token: users[k % 4]!.token });
      await s.acked;
      sockets.push(s);
    }
    const pings = sockets.map(() => [] as number[]);
    sockets.forEach((s, k) => s.ws.on('ping', () => pings[k]!.push(performance.now())));
    await until(() => pings.every((p) => p.length >= 3));
    const first = pings.map((p) => p[0]!);
    // 16 of 48 slices of 300 ms: at least about 90 ms from the first socket's ping to the last one's.
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(40);
    for (const p of pings) expect(p[2]! - p[1]!).toBeGreaterThan(200);
    for (const s of sockets) s.ws.close();
  });

  it('stays up after a bad frame from a socket it refused for its subprotocol', async () => {
    const { port } = new URL(app.url);
    const peer = connect(Number(port), '127.0.0.1');
    await once(peer, 'connect');
    peer.on('error', () => undefined);
    peer.write(
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: nope\r\n\r\n',
    );
    await once(peer, 'data');
    // A masked frame with a reserved opcode: ws reports an error on a socket the protocol never took.
    peer.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]));
    await once(peer, 'close');
    const user = await signUp(app.url, 'proto');
    const s = rawSocket(app.url, { token: user.token });
    await s.acked;
    s.ws.close();
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const user = await signUp(app.url, 'proto');
    const quiet = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      autoPong: false,
    });
    const live = rawSocket(app.url, { token: user.token });
    await live.acked;
    quiet.on('open', () =>
      quiet.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${user.token}` } })),
    );
    const closed = await new Promise<number>((resolve) => quiet.on('close', (c) => resolve(c)));
    // Terminated without a close frame: the client sees 1006.
    expect(closed).toBe(1006);
    // A peer that answers stays: several intervals later it still gets answers.
    live.subscribe('q', '{ me { id } }');
    await until(() => live.messages.some((m) => m.id === 'q' && m.type === 'complete'));
    expect(live.closeCode).toBeUndefined();
    live.ws.close();
  });
});
