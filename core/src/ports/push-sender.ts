import type { PushSubscriptionRecord } from '../notifications/notification.model';

/** How the push service answered. */
export type PushOutcome =
  | { status: 'sent'; statusCode: number }
  /** 404/410: the subscription is gone for good. */
  | { status: 'gone'; statusCode: number }
  /** 429/5xx or no answer: try again later. */
  | { status: 'retry'; statusCode: number | null; retryAfterMs: number | null }
  /** Any other refusal (a malformed subscription, a payload too large): trying again would not help. */
  | { status: 'failed'; statusCode: number | null };

/** Sends encrypted Web Push messages (RFC 8030/8291) signed with the server's VAPID key. */
export interface PushSender {
  readonly publicKey: string;
  send(
    sub: PushSubscriptionRecord,
    payload: string,
    options: { ttlSeconds: number; topic?: string },
  ): Promise<PushOutcome>;
}
