import { createAttachmentService } from './attachments/attachment.service';
import { createAnalytics } from './analytics/analytics';
import { createAuditTrail } from './audit/audit-trail';
import { createModeration } from './moderation/moderation';
import { accountServiceFor } from './account/account.service';
import { createNotifications } from './notifications/notifications';
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
import { createAbuseLimits, DEFAULT_ABUSE_POLICY } from './limits/abuse-limits';
import { createForwardService } from './messages/forward.service';
import { createMessageEditService } from './messages/message-edit.service';
import { createMessageService } from './messages/message.service';
import { createReactionService } from './reactions/reaction.service';
import { createRetention } from './retention/retention.service';
import { createReceiptAnnouncer } from './receipts/receipt-announcer';
import { createReceiptService } from './receipts/receipt.service';
import { createSearchService } from './search/search.service';
import { createPresenceService } from './presence/presence.service';
import { createTypingService } from './typing/typing.service';
import { createUserService } from './users/user.service';
import type { Message } from './messages/message.model';
import type { DomainPorts, DomainSettings } from './domain.ports';

export type { DomainPorts, DomainSettings } from './domain.ports';

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
  const analytics = ports.analytics
    ? createAnalytics({ store: ports.analytics, nodeId: s.nodeId, isAdmin: moderation.roles.isAdmin })
    : null;
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
      analytics?.messageSent();
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
  const retention = createRetention({
    store,
    users: ports.users,
    publisher,
    attachments: attachments ?? undefined,
    jobs: ports.jobs,
    audit,
    isAdmin: moderation.roles.isAdmin,
    serverDays: s.retentionDays ?? null,
  });
  const auth = createAuthService({
    audit,
    mayEnter: moderation.suspensions?.assertNotSuspended,
    onSignUp: analytics?.signedUp,
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
    /** How long messages are kept, and deleting them when that has passed. */
    retention,
    /** Usage figures per day for administrators; null without an analytics store. */
    analytics,
    /** Devices, settings and levels of notifications; null without a notification store. */
    notifications: notificationSettings,
    /** Starts this node's background workers (notification delivery). */
    startWorkers: async () => {
      await delivery?.start();
      await account?.start();
      await retention.start();
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
