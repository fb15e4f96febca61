import type { NotificationLocale, NotificationSettings, NotificationStore, PushSubscriptionRecord } from '@parley/core';
import type { Queryable } from './database';
import { isUniqueViolation } from './database';

interface SettingsRow {
  user_id: string;
  show_previews: boolean;
  email_fallback: boolean;
  email_address: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_time_zone: string | null;
  locale: string;
}

interface PushRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  created_at: Date;
  last_success_at: Date | null;
}

const toPush = (r: PushRow): PushSubscriptionRecord => ({
  endpoint: r.endpoint,
  userId: r.user_id,
  p256dh: r.p256dh,
  auth: r.auth,
  createdAt: r.created_at.toISOString(),
  lastSuccessAt: r.last_success_at?.toISOString() ?? null,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** {@link NotificationStore} on PostgreSQL or PGlite. */
export function createPgNotificationStore(db: Queryable): NotificationStore {
  return {
    async settings(userIds) {
      const { rows } = await db.query<SettingsRow>(
        'SELECT * FROM notification_settings WHERE user_id = ANY($1::uuid[])',
        [userIds],
      );
      return new Map(
        rows.map((r): [string, NotificationSettings] => [
          r.user_id,
          {
            showPreviews: r.show_previews,
            emailFallback: r.email_fallback,
            emailAddress: r.email_address,
            quietHours:
              r.quiet_start && r.quiet_end && r.quiet_time_zone
                ? { start: r.quiet_start, end: r.quiet_end, timeZone: r.quiet_time_zone }
                : null,
            locale: r.locale as NotificationLocale,
          },
        ]),
      );
    },
    async saveSettings(userId, s) {
      await db.query(
        `INSERT INTO notification_settings
           (user_id, show_previews, email_fallback, email_address, quiet_start, quiet_end, quiet_time_zone, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id) DO UPDATE SET show_previews = $2, email_fallback = $3, email_address = $4,
           quiet_start = $5, quiet_end = $6, quiet_time_zone = $7, locale = $8`,
        [
          userId,
          s.showPreviews,
          s.emailFallback,
          s.emailAddress,
          s.quietHours?.start ?? null,
          s.quietHours?.end ?? null,
          s.quietHours?.timeZone ?? null,
          s.locale,
        ],
      );
    },
    async savePush(sub) {
      await db.query(
        `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = $2, p256dh = $3, auth = $4`,
        [sub.endpoint, sub.userId, sub.p256dh, sub.auth, sub.createdAt],
      );
    },
    async removePush(endpoint, userId) {
      const { rowCount } = await db.query(
        'DELETE FROM push_subscriptions WHERE endpoint = $1 AND ($2::uuid IS NULL OR user_id = $2)',
        [endpoint, userId],
      );
      return (rowCount ?? 0) > 0;
    },
    async hasReachableMember(conversationId, exceptUserId) {
      const { rows } = await db.query<{ any: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM members m JOIN push_subscriptions p ON p.user_id = m.user_id
           WHERE m.conversation_id = $1 AND m.user_id <> $2
         ) OR EXISTS (
           SELECT 1 FROM members m JOIN notification_settings s ON s.user_id = m.user_id
           WHERE m.conversation_id = $1 AND m.user_id <> $2 AND s.email_fallback AND s.email_address IS NOT NULL
         ) AS any`,
        [conversationId, exceptUserId],
      );
      return rows[0]!.any;
    },
    async pushSubscriptions(userIds) {
      const { rows } = await db.query<PushRow>(
        'SELECT * FROM push_subscriptions WHERE user_id = ANY($1::uuid[]) ORDER BY created_at',
        [userIds],
      );
      const out = new Map<string, PushSubscriptionRecord[]>();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), toPush(r)]);
      return out;
    },
    async markPushSuccess(endpoint, at) {
      await db.query('UPDATE push_subscriptions SET last_success_at = $2 WHERE endpoint = $1', [endpoint, at]);
    },
    async levels(conversationId, userIds) {
      const { rows } = await db.query<{ user_id: string; level: string | null; muted_until: Date | null }>(
        'SELECT user_id, level, muted_until FROM notification_levels WHERE conversation_id = $1 AND user_id = ANY($2::uuid[])',
        [conversationId, userIds],
      );
      return rows.map((r) => ({
        conversationId,
        userId: r.user_id,
        level: r.level as 'ALL' | 'MENTIONS' | 'NONE' | null,
        mutedUntil: iso(r.muted_until),
      }));
    },
    async setLevel(l) {
      try {
        await db.query(
          `INSERT INTO notification_levels (conversation_id, user_id, level, muted_until) VALUES ($1, $2, $3, $4)
           ON CONFLICT (conversation_id, user_id) DO UPDATE SET level = $3, muted_until = $4`,
          [l.conversationId, l.userId, l.level, l.mutedUntil],
        );
        return true;
      } catch (err) {
        // The foreign key to members: not a member.
        if ((err as { code?: string }).code === '23503' || isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async recordAttempt(a) {
      await db.query(
        `INSERT INTO notification_attempts (user_id, conversation_id, channel, target, status, status_code, attempt, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.userId, a.conversationId, a.channel, a.target, a.status, a.statusCode, a.attempt, a.at],
      );
    },
    async attempts(userId, limit) {
      const { rows } = await db.query<{
        conversation_id: string | null;
        channel: 'push' | 'email';
        target: string;
        status: 'sent' | 'gone' | 'retry' | 'failed' | 'skipped';
        status_code: number | null;
        attempt: number;
        at: Date;
      }>('SELECT * FROM notification_attempts WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [userId, limit]);
      return rows.map((r) => ({
        userId,
        conversationId: r.conversation_id,
        channel: r.channel,
        target: r.target,
        status: r.status,
        statusCode: r.status_code,
        attempt: r.attempt,
        at: r.at.toISOString(),
      }));
    },
    async lastEmailAt(userId) {
      const { rows } = await db.query<{ last_email_at: Date | null }>(
        'SELECT last_email_at FROM notification_settings WHERE user_id = $1',
        [userId],
      );
      return iso(rows[0]?.last_email_at ?? null);
    },
    async claimEmail(userId, at, notBefore) {
      const { rowCount } = await db.query(
        `UPDATE notification_settings SET last_email_at = $2
         WHERE user_id = $1 AND (last_email_at IS NULL OR last_email_at <= $3)`,
        [userId, at, notBefore],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
