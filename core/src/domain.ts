import { createAttachmentService } from './attachments/attachment.service';
import { createAuditTrail } from './audit/audit-trail';
import { createModeration } from './moderation/moderation';
import type { AuditLog } from './ports/audit-log';
import type { ReportStore } from './ports/report.store';
import type { DataExportStore } from './ports/data-export.store';
import { accountServiceFor } from './account/account.service';
import type { ServerRoleStore } from './ports/server-role.store';
import type { SuspensionStore } from './ports/suspension.store';
import type { Message } from './messages/message.model';
import { createNotifications } from './notifications/notifications';
import type { JobQueue } from './ports/job-queue';
import type { Mailer } from './ports/mailer';
import type { NotificationStore } from './ports/notification.store';
import type { PushSender } from './ports/push-sender';
import { createAccessTokenService } from './auth/access-token.service';
import { createAuthService } from './auth/auth.service';
import { createBlockCache } from './blocks/block-cache';
import { createBlockService } from './blocks/block.service';
import { createConversationService } from './conversations/conversation.service';
import { createChannelBus } from './events/bus-channels';
import { createConversationFeeds } from './events/conversation-feeds';
import { createEventPublisher } from './events/event-publisher';
import { createEventPollService } from './events/event-poll.service';
import { createEventStreamService } from './events/event-stream.service';
import { createAbuseLimits, DEFAULT_ABUSE_POLICY, type AbusePolicy } from './limits/abuse-limits';
import { createForwardService } from './messages/forward.service';
import { createMessageEditService } from './messages/message-edit.service';
import { createMessageService } from './messages/message.service';
import { createReactionService } from './reactions/reaction.service';
import { createReceiptAnnouncer } from './receipts/receipt-announcer';
import { createReceiptService } from './receipts/receipt.service';
import { createSearchService } from './search/search.service';
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
import { createPresenceService } from './presence/presence.service';
import { createTypingService } from './typing/typing.service';
import { createUserService } from './users/user.service';

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
  /** Usernames of server administrators. @default none */
  adminUsernames?: readonly string[];
  /** Largest files. @default 25 MiB, images 10 MiB */
  mediaLimits?: MediaLimits;
  /** Errors of background work (delivery, presence), which must never fail the request that caused it. */
  onError?: (err: unknown, where: 'events' | 'presence') => void;
}

/**
 * Wires every domain service on the given ports. The one composition of the domain: the server's
 * composition root and the tests both call it.
 */
export function createDomain(ports: DomainPorts, s: DomainSettings) {
  const onError = s.onError ?? (() => undefined);
  const onEventError = (err: unknown) => onError(err, 'events');
  const limits = ports.rateLimiters
    ? createAbuseLimits(ports.rateLimiters, s.abusePolicy ?? DEFAULT_ABUSE_POLICY)
    : undefined;
  const store = ports.conversations;
  const bus = createChannelBus(ports.bus);
  const feeds = createConversationFeeds({
    bus,
    store,
    gapFillDelayMs: s.gapFillDelayMs ?? 150,
    onError: onEventError,
  });
  const publisher = createEventPublisher(bus, feeds, onEventError);
  const blockCache = createBlockCache({ store: ports.blocks, bus, onError: onEventError });
  const audit = createAuditTrail(ports.audit, onEventError);
  const blocks = createBlockService({
    audit,
    store: ports.blocks,
    users: ports.users,
    conversations: store,
    cache: blockCache,
    onError: onEventError,
  });
  const presence = createPresenceService({
    store: ports.presence,
    settings: ports.presenceSettings,
    memberships: store,
    bus,
    blocks: blockCache,
    nodeId: s.nodeId,
    ttlMs: s.presenceTtlMs ?? 60_000,
    awayAfterMs: s.awayAfterMs ?? 300_000,
    onError: (err) => onError(err, 'presence'),
  });
  const typing = createTypingService({
    store,
    users: ports.users,
    bus,
    blocks: blockCache,
    ...(limits ? { limiter: limits.typing } : {}),
    ttlMs: s.typingTtlMs ?? 6000,
    throttleMs: s.typingThrottleMs ?? 3000,
    fullListMaxMembers: s.typingFullListMaxMembers ?? 100,
    onError: onEventError,
  });
  const announcer = createReceiptAnnouncer({
    store,
    publisher,
    ...(s.receiptsIntervalMs !== undefined ? { intervalMs: s.receiptsIntervalMs } : {}),
    onError: onEventError,
  });
  const events = createEventStreamService({ store, bus, feeds, replayLimit: s.replayLimit ?? 1000 });
  const attachments =
    ports.uploads && ports.blobs && ports.media
      ? createAttachmentService({
          uploads: ports.uploads,
          blobs: ports.blobs,
          inspector: ports.media,
          limits: s.mediaLimits ?? { maxBytes: 25 * 1024 * 1024, maxImageBytes: 10 * 1024 * 1024 },
          rateLimit: limits?.upload,
        })
      : null;
  const { settings: notificationSettings, delivery } = createNotifications({
    ...ports,
    conversations: store,
    settings: { publicUrl: '', ...s.notify, secret: s.notify?.secret ?? s.jwtSecret },
  });
  const moderation = createModeration({
    ...ports,
    conversations: store,
    limits,
    trail: audit,
    adminUsernames: s.adminUsernames ?? [],
    deleteMessage: (adminId: string, id: string) => messageEdits.delete(adminId, id, true, true),
    removeMember: (conversationId, userId) => conversations.removeAsAdministrator(conversationId, userId),
    checkCredentials: (input, ip) => auth.checkCredentials(input, { ip }),
  });
  const messageDeps = {
    store,
    attachments: attachments ?? undefined,
    users: ports.users,
    publisher,
    limits,
    contentFilter: ports.contentFilter,
    maySend: (senderId: string, conversationId: string) => blocks.assertMaySend(senderId, conversationId),
    onSent: (senderId: string, message: Message) => {
      typing.stopOnSend(senderId, message.conversationId);
      delivery?.messageSent(message).catch((err: unknown) => onError(err, 'events'));
    },
  };
  const messageEdits = createMessageEditService(messageDeps);
  const conversations = createConversationService({
    audit,
    store,
    users: ports.users,
    publisher,
    directRefusal: (viewerId: string, userId: string) => blocks.directRefusal(viewerId, userId),
  });
  const auth = createAuthService({
    audit,
    mayEnter: moderation.suspensions?.assertNotSuspended,
    users: ports.users,
    sessions: ports.sessions,
    accessTokens: ports.accessTokens,
    hasher: ports.hasher,
    jwtSecret: s.jwtSecret,
    ...(s.accessTokenTtlSeconds ? { accessTokenTtlSeconds: s.accessTokenTtlSeconds } : {}),
    ...(s.refreshTokenTtlDays ? { refreshTokenTtlDays: s.refreshTokenTtlDays } : {}),
    ...(limits ? { limits } : {}),
  });
  const account = accountServiceFor({
    ...ports,
    conversations: store,
    checkPassword: (username, password) => auth.checkCredentials({ username, password }),
    leave: (userId, conversationId) => conversations.leave(userId, conversationId),
    audit,
  });
  return {
    auth,
    /** A user's own data: export and account deletion; null without an export store, blobs and jobs. */
    account,
    accessTokens: createAccessTokenService({ store: ports.accessTokens, audit }),
    users: createUserService(ports.users),
    conversations,
    blocks,
    messages: createMessageService(messageDeps),
    messageEdits,
    forwards: createForwardService(messageDeps),
    reactions: createReactionService(messageDeps),
    receipts: createReceiptService({ store, announcer }),
    search: createSearchService({ index: ports.search }),
    /** Server administration: administrators and the audit log; null without an audit log. */
    ...moderation,
    /** Devices, settings and levels of notifications; null without a notification store. */
    notifications: notificationSettings,
    /** Starts this node's background workers (notification delivery). */
    startWorkers: async () => {
      await delivery?.start();
      await account?.start();
    },
    /** Uploads and attachments; null when the node has no blob store. */
    attachments,
    events,
    polls: createEventPollService({ events, store }),
    presence,
    typing,
    /** This node's conversation feeds (one bus subscription per conversation with local listeners). */
    feeds,
    /** Announces pending receipt markers of a conversation now instead of within the interval. */
    announceReceipts: (conversationId: string) => announcer.flush(conversationId),
    /** Stops timers and subscriptions; call after the transports have closed their sockets. */
    async dispose(): Promise<void> {
      announcer.dispose();
      typing.dispose();
      await presence.dispose();
      feeds.dispose();
    },
  };
}

/** Every domain service, as resolvers and transports see them. */
export type Domain = ReturnType<typeof createDomain>;
