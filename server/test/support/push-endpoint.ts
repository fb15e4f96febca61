import { createECDH, randomBytes } from 'node:crypto';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
// http_ece is what web-push encrypts with; here it decrypts, as a browser would.
// @ts-expect-error -- untyped package
import ece from 'http_ece';
import { generate } from 'selfsigned';

/** A browser's side of one push subscription: its keys and what arrived for it. */
export interface TestSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** Decrypted payloads, parsed, in arrival order (only pushes answered 201). */
  received: any[];
  /** Request headers of each delivery (TTL, Topic, Urgency, Authorization). */
  headers: Record<string, string | string[] | undefined>[];
  /** Status codes to answer the next pushes with, in order (201 once they run out). */
  answers: number[];
}

/** A local HTTPS push service with a self-signed certificate, decrypting every payload it gets. */
export interface PushEndpoint {
  /** An agent that trusts the endpoint's certificate (for an in-process node). */
  agent: Agent;
  /** The certificate in PEM (for NODE_EXTRA_CA_CERTS of a node process). */
  cert: string;
  subscribe(): TestSubscription;
  /** Every request, answered or not (to count attempts). */
  requests: number;
  /** Hold the next pushes unanswered until `release` (a node dying mid-delivery). */
  hold(on: boolean): void;
  stop(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const subs = new Map<string, TestSubscription & { ecdh: ReturnType<typeof createECDH> }>();
  let holding = false;
  const endpoint: PushEndpoint = {
    agent: new Agent({ ca: pems.cert, keepAlive: true }),
    cert: pems.cert,
    requests: 0,
    hold: (on) => void (holding = on),
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const id = randomBytes(8).toString('hex');
      const sub = {
        endpoint: `${base}/push/${id}`,
        p256dh: ecdh.getPublicKey('base64url'),
        auth: randomBytes(16).toString('base64url'),
        received: [],
        headers: [],
        answers: [],
        ecdh,
      };
      subs.set(id, sub);
      return sub;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    endpoint.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (holding) return; // never answered: the sender's connection dies with it
      const sub = subs.get((req.url ?? '').split('/').pop() ?? '');
      if (!sub) return void res.writeHead(404).end();
      const status = sub.answers.shift() ?? 201;
      if (status === 201) {
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: sub.ecdh,
          authSecret: sub.auth,
        });
        sub.received.push(JSON.parse(plain.toString('utf8')));
        sub.headers.push(req.headers);
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return endpoint;
}
