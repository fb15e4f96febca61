import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_ABUSE_POLICY, type DomainSettings } from '@parley/core';
import type { Config } from './config';
import type { Logger } from './logger';
import { loadOrCreateSecret } from './secrets';

/** The domain's settings from the configuration; embedded mode keeps a generated JWT secret in DATA_DIR. */
export async function domainSettings(config: Config, log: Logger): Promise<DomainSettings> {
  const jwtSecret = config.JWT_SECRET ?? (await loadOrCreateSecret(config.DATA_DIR));
  return {
    jwtSecret,
    notify: {
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      // Its own key, so an unsubscribe link says nothing about the token key.
      secret: createHash('sha256').update(`parley unsubscribe\n${jwtSecret}`).digest('base64url'),
      aggregateSeconds: config.NOTIFY_AGGREGATE_SECONDS,
      emailAfterSeconds: config.NOTIFY_EMAIL_AFTER_SECONDS,
    },
    nodeId: randomUUID(),
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    replayLimit: config.REPLAY_LIMIT,
    gapFillDelayMs: config.GAP_FILL_DELAY_MS,
    presenceTtlMs: config.PRESENCE_TTL_SECONDS * 1000,
    awayAfterMs: config.PRESENCE_AWAY_AFTER_SECONDS * 1000,
    typingTtlMs: config.TYPING_TTL_MS,
    typingThrottleMs: config.TYPING_THROTTLE_MS,
    typingFullListMaxMembers: config.TYPING_FULL_LIST_MAX_MEMBERS,
    abusePolicy: {
      ...DEFAULT_ABUSE_POLICY,
      sendPerSecond: config.RATE_SEND_PER_SECOND,
      sendBurst: config.RATE_SEND_BURST,
      duplicateMax: config.RATE_DUPLICATE_MAX,
      signUpPerIpPerHour: config.RATE_SIGNUP_PER_IP_PER_HOUR,
      logInPerIpPerMinute: config.RATE_LOGIN_PER_IP_PER_MINUTE,
      failedLogInsPerUsername: config.RATE_FAILED_LOGINS_PER_USERNAME,
    },
    adminUsernames: config.ADMIN_USERNAMES,
    retentionDays: config.RETENTION_DAYS ?? null,
    mediaLimits: { maxBytes: config.MAX_UPLOAD_BYTES, maxImageBytes: config.MAX_IMAGE_BYTES },
    onError: (err, where) =>
      where === 'events' ? log.error({ err }, 'event delivery') : log.warn({ err }, 'presence'),
  };
}
