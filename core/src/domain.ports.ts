import type { AnalyticsStore } from './ports/analytics.store';
import type { AuditLog } from './ports/audit-log';
import type { ReportStore } from './ports/report.store';
import type { DataExportStore } from './ports/data-export.store';
import type { ServerRoleStore } from './ports/server-role.store';
import type { SuspensionStore } from './ports/suspension.store';
import type { JobQueue } from './ports/job-queue';
import type { Mailer } from './ports/mailer';
import type { NotificationStore } from './ports/notification.store';
import type { PushSender } from './ports/push-sender';
import type { AccessTokenStore } from './ports/access-token.store';
import type { BlobStore } from './ports/blob.store';
import type { BlockStore } from './ports/block.store';
import type { ContentFilter } from './ports/content-filter';
import type { ConversationStore } from './ports/conversation.store';
import type { EventBus } from './ports/event.bus';
import type { PasswordHasher } from './ports/password-hasher';
import type { PresenceSettingsStore } from './ports/presence-settings.store';
import type { MediaInspector, MediaLimits } from './ports/media-inspector';
import type { MessageSearchIndex } from './ports/message-search';
import type { PresenceStore } from './ports/presence.store';
import type { RateLimiterFactory } from './ports/rate-limiter';
import type { SessionStore } from './ports/session.store';
import type { UploadStore } from './ports/upload.store';
import type { UserStore } from './ports/user.store';
import type { AbusePolicy } from './limits/abuse-limits';

/** The adapters the domain runs on. */
export interface DomainPorts {
  users: UserStore;
  sessions: SessionStore;
  accessTokens: AccessTokenStore;
  conversations: ConversationStore;
  presence: PresenceStore;
  presenceSettings: PresenceSettingsStore;
  blocks: BlockStore;
  bus: EventBus;
  hasher: PasswordHasher;
  /** Where rate-limit buckets live; no limits when omitted. */
  rateLimiters?: RateLimiterFactory;
  /** Checks message text before it is stored. */
  contentFilter?: ContentFilter;
  /** Full-text search over messages; `searchMessages` answers NOT_FOUND without it. */
  search?: MessageSearchIndex;
  /** Usage figures per day; none kept without it. */
  analytics?: AnalyticsStore;
  /** Security and moderation events; none kept without it. */
  audit?: AuditLog;
  /** Users' data exports; none without it (and a blob store and a job queue). */
  exports?: DataExportStore;
  /** Reports of messages and users; no reporting without it. */
  reports?: ReportStore;
  /** Suspensions and bans; none without it. */
  suspensions?: SuspensionStore;
  /** Administrators granted through the API; only ADMIN_USERNAMES without it. */
  serverRoles?: ServerRoleStore;
  /** Notification settings and delivery tracking; no notifications without it. */
  notifications?: NotificationStore;
  /** Durable background jobs (notification delivery); notifications are not sent without it. */
  jobs?: JobQueue;
  /** Web Push; none configured: devices cannot subscribe. */
  push?: PushSender;
  /** E-mail for digests; none configured: no e-mail fallback. */
  mailer?: Mailer;
  /** Files: uploads, their bytes and the inspection of their bytes; no attachments without all three. */
  uploads?: UploadStore;
  blobs?: BlobStore;
  media?: MediaInspector;
}

/** Settings of the domain; the defaults are those of the configuration. */
export interface DomainSettings {
  /** HMAC key for access tokens. */
  jwtSecret: string;
  /** Unique per node, so connection ids never collide across nodes. */
  nodeId: string;
  /** @default 900 */
  accessTokenTtlSeconds?: number;
  /** @default 30 */
  refreshTokenTtlDays?: number;
  /** Most events a resuming subscription replays before RESYNC_REQUIRED. @default 1000 */
  replayLimit?: number;
  /** How long a node waits for a missing seq before reading it from storage. @default 150 */
  gapFillDelayMs?: number;
  /** @default 60000 */
  presenceTtlMs?: number;
  /** @default 300000 */
  awayAfterMs?: number;
  /** @default 6000 */
  typingTtlMs?: number;
  /** @default 3000 */
  typingThrottleMs?: number;
  /** @default 100 */
  typingFullListMaxMembers?: number;
  /** Shortest time between two ReceiptsUpdated events of one conversation. @default 1000 */
  receiptsIntervalMs?: number;
  /** @default DEFAULT_ABUSE_POLICY */
  abusePolicy?: AbusePolicy;
  /** Notification delivery: links in e-mails, the unsubscribe key, the aggregation and e-mail delays. */
  notify?: { publicUrl: string; secret: string; aggregateSeconds?: number; emailAfterSeconds?: number };
  /** Days after which messages are deleted, unless a group keeps them for less. @default null (kept) */
  retentionDays?: number | null;
  /** Usernames of server administrators. @default none */
  adminUsernames?: readonly string[];
  /** Largest files. @default 25 MiB, images 10 MiB */
  mediaLimits?: MediaLimits;
  /** Errors of background work (delivery, presence), which must never fail the request that caused it. */
  onError?: (err: unknown, where: 'events' | 'presence') => void;
}
