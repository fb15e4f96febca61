import { availableParallelism } from 'node:os';
import { z } from 'zod';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const int = (def: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);

/** A comma-separated list; blanks are dropped, so an empty value is an empty list. */
const commaList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

const schema = z.object({
  PORT: int(4000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Keeps messages, the event log and reactions in MongoDB (a replica set); users and members stay in PostgreSQL. */
  MONGODB_URL: optionalUrl(['mongodb', 'mongodb+srv']),
  // Empty counts as unset, as for the URLs: compose files often pass `JWT_SECRET=${JWT_SECRET}` through.
  JWT_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: commaList(),
  ACCESS_TOKEN_TTL_SECONDS: int(900, 30, 86_400),
  REFRESH_TOKEN_TTL_DAYS: int(30, 1, 365),
  MAX_BODY_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
  REPLAY_LIMIT: int(1000, 1, 100_000),
  GAP_FILL_DELAY_MS: int(150, 1, 60_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MAX_DEPTH: int(10, 2, 100),
  MAX_ALIASES: int(15, 0, 1000),
  MAX_TOKENS: int(5000, 100, 1_000_000),
  MAX_DIRECTIVES: int(50, 0, 1000),
  MAX_COST: int(20_000, 10, 10_000_000),
  WS_MAX_PAYLOAD_BYTES: int(65_536, 1024, 16 * 1_048_576),
  WS_MAX_SUBSCRIPTIONS: int(100, 1, 10_000),
  WS_MAX_SOCKETS_PER_USER: int(20, 1, 10_000),
  WS_MAX_BUFFERED_BYTES: int(4 * 1_048_576, 65_536, 1024 * 1_048_576),
  WS_OPERATIONS_PER_SECOND: int(50, 1, 100_000),
  WS_KEEPALIVE_MS: int(12_000, 100, 600_000),
  RATE_SEND_PER_SECOND: int(10, 1, 100_000),
  RATE_SEND_BURST: int(20, 1, 100_000),
  RATE_DUPLICATE_MAX: int(5, 1, 100_000),
  RATE_SIGNUP_PER_IP_PER_HOUR: int(50, 1, 1_000_000),
  RATE_LOGIN_PER_IP_PER_MINUTE: int(30, 1, 1_000_000),
  RATE_FAILED_LOGINS_PER_USERNAME: int(10, 1, 1_000_000),
  BLOCKED_WORDS: commaList(),
  /** Usernames of server administrators (they read the audit log). */
  ADMIN_USERNAMES: commaList(),
  /** Messages older than this many days are deleted (a group's owner may choose fewer); unset: kept. */
  RETENTION_DAYS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(3650, 'must be at most 3650')
      .optional(),
  ),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  /** A node that dies stops counting its users' connections within this long. */
  PRESENCE_TTL_SECONDS: int(60, 2, 3600),
  PRESENCE_AWAY_AFTER_SECONDS: int(300, 1, 86_400),
  /** A typing state without a refresh ends after this long. */
  TYPING_TTL_MS: int(6000, 100, 600_000),
  /** A user's typing start is broadcast at most once per this long per conversation. */
  TYPING_THROTTLE_MS: int(3000, 0, 600_000),
  /** Above this many members, typing events carry only the count. */
  TYPING_FULL_LIST_MAX_MEMBERS: int(100, 0, 1_000_000),
  CLIENT_DIST_DIR: z.string().optional(),
  /** Schema introspection (the explorer needs it); off also hides "Did you mean …" suggestions in errors. */
  ALLOW_INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  EXPLORER_DIST_DIR: z.string().optional(),
  /** The origin clients reach this server at, for the upload and download URLs it signs; same-origin paths when unset. */
  PUBLIC_URL: optionalUrl(['http', 'https']).transform((v) => v?.replace(/\/+$/, '')),
  MAX_UPLOAD_BYTES: int(25 * 1_048_576, 1024, 2 * 1024 * 1_048_576 - 1),
  MAX_IMAGE_BYTES: int(10 * 1_048_576, 1024, 2 * 1024 * 1_048_576 - 1),
  /** Web Push keys (base64url); generated into DATA_DIR/vapid.json when unset. Nodes sharing a database must share them. */
  VAPID_PUBLIC_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  VAPID_PRIVATE_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  VAPID_SUBJECT: z
    .string()
    .trim()
    .default('mailto:parley@localhost')
    .refine((v) => /^(mailto:|https:\/\/)/.test(v), 'must start with mailto: or https://'),
  /** E-mail fallback over SMTP, e.g. smtp://user:pass@mail.example.com:587; no e-mail when unset. */
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  MAIL_FROM: z.string().trim().default('Parley <parley@localhost>'),
  /** Unread this long with no push delivered: an e-mail digest (at most one per user per this long). */
  NOTIFY_EMAIL_AFTER_SECONDS: int(900, 1, 7 * 86_400),
  /** Messages in one conversation within this long become one notification. */
  NOTIFY_AGGREGATE_SECONDS: int(3, 1, 3600),
  /** A background job whose node died is retried after this long. */
  JOB_EXPIRE_SECONDS: int(60, 1, 86_400),
  /** Serves /metrics on the public port to requests with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** Serves /metrics without a token on this port, bound to METRICS_HOST (keep it private). */
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Files go to this S3 bucket (or an S3-compatible store at S3_ENDPOINT); to DATA_DIR/blobs when unset. */
  S3_BUCKET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ENDPOINT: optionalUrl(['http', 'https']),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WORKERS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(256, 'must be at most 256')
      .optional(),
  ),
});

/** Validated runtime configuration, read once from the environment at start. */
export type Config = Omit<z.infer<typeof schema>, 'WORKERS'> & {
  /** Which storage and pub/sub the node runs on, derived from DATABASE_URL and REDIS_URL. */
  mode: 'embedded' | 'server' | 'cluster';
  /**
   * Server processes sharing the port (node:cluster).
   * @default the number of cores in cluster mode, else 1
   */
  WORKERS: number;
};

/** Thrown when an environment variable is invalid; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the configuration.
 * @throws ConfigError naming the first invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const c = parsed.data;
  if (c.REDIS_URL && !c.DATABASE_URL) {
    throw new ConfigError('Invalid configuration: REDIS_URL requires DATABASE_URL (nodes must share storage)');
  }
  if (c.MONGODB_URL && !c.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: MONGODB_URL requires DATABASE_URL (users, conversations and members stay in PostgreSQL)',
    );
  }
  if (c.DATABASE_URL && !c.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration: JWT_SECRET is required when DATABASE_URL is set (all nodes must share it)',
    );
  }
  if (c.S3_BUCKET && (!c.S3_ACCESS_KEY_ID || !c.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid configuration: S3_BUCKET requires S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  if (!c.VAPID_PUBLIC_KEY !== !c.VAPID_PRIVATE_KEY) {
    throw new ConfigError('Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  }
  const mode = c.REDIS_URL ? 'cluster' : c.DATABASE_URL ? 'server' : 'embedded';
  // Workers are nodes of their own: only Redis carries events and presence between them.
  if (c.WORKERS !== undefined && c.WORKERS > 1 && mode !== 'cluster') {
    throw new ConfigError(
      'Invalid configuration: WORKERS above 1 requires DATABASE_URL and REDIS_URL (workers share events through Redis)',
    );
  }
  return { ...c, mode, WORKERS: c.WORKERS ?? (mode === 'cluster' ? availableParallelism() : 1) };
}
