import { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushOutcome, PushSender } from '@parley/core';

/** Settings of {@link createWebPushSender}. */
export interface WebPushSenderOptions {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
  /** Tests only: an agent that trusts a local push endpoint's self-signed certificate. */
  agent?: Agent | undefined;
  /** Give up on a push service that does not answer within this long. @default 10000 */
  timeoutMs?: number;
}

/** {@link PushSender} with the web-push library: payload encryption (aes128gcm) and VAPID signatures. */
export function createWebPushSender(o: WebPushSenderOptions): PushSender {
  // Pushes go to a handful of push services: connections kept open spare a TLS handshake per push.
  const agent = o.agent ?? new Agent({ keepAlive: true, maxSockets: 64 });
  // A VAPID token per push service, reused for hours: signing one for every push costs more than the push.
  const tokens = new Map<string, { authorization: string; renewAt: number }>();
  const authorization = (endpoint: string): string => {
    const audience = new URL(endpoint).origin;
    const cached = tokens.get(audience);
    if (cached && cached.renewAt > Date.now()) return cached.authorization;
    const expiration = Math.floor(Date.now() / 1000) + 12 * 3600;
    const headers = webpush.getVapidHeaders(audience, o.subject, o.publicKey, o.privateKey, 'aes128gcm', expiration);
    tokens.set(audience, { authorization: String(headers.Authorization), renewAt: Date.now() + 11 * 3600_000 });
    return String(headers.Authorization);
  };
  return {
    publicKey: o.publicKey,
    async send(sub, payload, { ttlSeconds, topic }) {
      try {
        const res = await webpush.sendNotification(
          { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
          payload,
          {
            headers: { Authorization: authorization(sub.endpoint) },
            TTL: ttlSeconds,
            urgency: 'normal',
            ...(topic ? { topic } : {}),
            timeout: o.timeoutMs ?? 10_000,
            agent,
          },
        );
        return { status: 'sent', statusCode: res.statusCode };
      } catch (err) {
        return outcomeOf(err);
      }
    },
  };
}

function outcomeOf(err: unknown): PushOutcome {
  const e = err as { statusCode?: number; headers?: Record<string, string> };
  const code = typeof e.statusCode === 'number' ? e.statusCode : null;
  if (code === 404 || code === 410) return { status: 'gone', statusCode: code };
  if (code === null || code === 429 || code >= 500) {
    const after = Number(e.headers?.['retry-after']);
    return { status: 'retry', statusCode: code, retryAfterMs: Number.isFinite(after) ? after * 1000 : null };
  }
  return { status: 'failed', statusCode: code };
}

/** A new VAPID key pair (base64url), for a server that has none configured. */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
