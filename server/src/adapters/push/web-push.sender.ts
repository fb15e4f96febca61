import type { Agent } from 'node:https';
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
  const vapidDetails = { subject: o.subject, publicKey: o.publicKey, privateKey: o.privateKey };
  return {
    publicKey: o.publicKey,
    async send(sub, payload, { ttlSeconds, topic }) {
      try {
        const res = await webpush.sendNotification(
          { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
          payload,
          {
            vapidDetails,
            TTL: ttlSeconds,
            urgency: 'normal',
            ...(topic ? { topic } : {}),
            timeout: o.timeoutMs ?? 10_000,
            ...(o.agent ? { agent: o.agent } : {}),
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
