import { createHmac } from 'node:crypto';
import type { Message } from '../messages/message.model';
import type { BlockStore } from '../ports/block.store';
import type { ConversationStore } from '../ports/conversation.store';
import type { Job, JobQueue } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { NotificationStore } from '../ports/notification.store';
import type { PresenceStore } from '../ports/presence.store';
import type { PushSender } from '../ports/push-sender';
import type { UserStore } from '../ports/user.store';
import { DEFAULT_NOTIFICATION_SETTINGS } from './notification.model';
import { buildDigest, buildPush, pushTopic, type PushTopic } from './notification-content';
import { effectiveLevel, inQuietHours, notifies } from './notification-rules';

/** Settings of {@link createNotificationDelivery}. */
export interface NotificationDeliveryDeps {
  store: NotificationStore;
  conversations: ConversationStore;
  users: Pick<UserStore, 'findByIds'>;
  blocks: Pick<BlockStore, 'blockersOf'>;
  presence: Pick<PresenceStore, 'focused'>;
  queue: JobQueue;
  push: PushSender | null;
  mailer: Mailer | null;
  /** Messages in one conversation within this long become one notification. @default 3 */
  aggregateSeconds?: number;
  /** Unread for this long with no push delivered: an e-mail digest. @default 900 */
  emailAfterSeconds?: number;
  /** Where links in e-mails point, e.g. https://chat.example.com. */
  publicUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
  now?: () => Date;
}

export const QUEUES = { message: 'notify-message', push: 'notify-push', email: 'notify-email' } as const;
/** Recipients read and filtered per step when a message fans out. */
const BATCH = 500;

/** The signature of a user's unsubscribe link. */
export const unsubscribeSignature = (secret: string, userId: string): string =>
  createHmac('sha256', secret).update(`unsubscribe\n${userId}`).digest('base64url');

/**
 * Delivery: a sent message is one job; its worker reads the recipients in batches and queues one
 * push job per device and conversation (a singleton per aggregation window), written when it runs,
 * so several messages become one notification that replaces the last (same tag). E-mail digests
 * follow when pushes do not reach a user.
 */
export function createNotificationDelivery(d: NotificationDeliveryDeps) {
  const now = d.now ?? (() => new Date());
  const aggregate = d.aggregateSeconds ?? 3;
  const emailAfter = d.emailAfterSeconds ?? 900;
  // The pushes of one burst share the conversation's newest message: read it once per half second.
  const topics = new Map<string, { at: number; topic: Promise<PushTopic | null> }>();
  const topicOf = (conversationId: string): Promise<PushTopic | null> => {
    const at = Date.now();
    const hit = topics.get(conversationId);
    if (hit && at - hit.at < 500) return hit.topic;
    if (topics.size > 1000) topics.clear();
    const topic = pushTopic(d, conversationId);
    topics.set(conversationId, { at, topic });
    return topic;
  };

  /** Recipients among `members` who should hear of `m` now. */
  async function recipients(
    m: Message,
    memberIds: string[],
    kind: 'DIRECT' | 'GROUP',
    memberCount: number,
    blockers: Set<string>,
  ) {
    const at = now();
    const candidates = memberIds.filter((id) => id !== m.senderId && !blockers.has(id));
    const levels = new Map((await d.store.levels(m.conversationId, candidates)).map((l) => [l.userId, l]));
    const wanted = candidates.filter((id) => {
      const l = levels.get(id);
      return notifies(
        effectiveLevel(l?.level ?? null, kind, memberCount),
        m.mentionIds.includes(id),
        l?.mutedUntil ?? null,
        at,
      );
    });
    const focused = await d.presence.focused(wanted, at.getTime());
    return wanted.filter((id) => !focused.has(id));
  }

  async function expand(job: Job<{ conversationId: string; messageId: string }>): Promise<void> {
    const [m] = await d.conversations.getMessages([job.data.messageId]);
    const [c] = await d.conversations.getConversations([job.data.conversationId]);
    if (!m || !c || m.deletedAt || !m.senderId) return;
    const blockers = await d.blocks.blockersOf(m.senderId);
    let after: string | null = null;
    for (;;) {
      const page = await d.conversations.listMembers(c.id, BATCH, after);
      if (page.length === 0) return;
      after = page[page.length - 1]!.userId;
      const ids = await recipients(
        m,
        page.map((p) => p.userId),
        c.kind,
        c.memberCount,
        blockers,
      );
      const settings = await d.store.settings(ids);
      const subs = await d.store.pushSubscriptions(ids);
      const pushes = ids.flatMap((userId) =>
        inQuietHours(settings.get(userId)?.quietHours ?? null, now())
          ? []
          : (subs.get(userId) ?? []).map((s) => ({
              data: { endpoint: s.endpoint, userId, conversationId: c.id },
              options: {
                singletonKey: `${s.endpoint}|${c.id}`,
                singletonSeconds: aggregate,
                startAfterSeconds: aggregate,
              },
            })),
      );
      if (pushes.length > 0) await d.queue.sendMany(QUEUES.push, pushes);
      const mailable = ids.filter((id) => settings.get(id)?.emailFallback && settings.get(id)?.emailAddress);
      if (mailable.length > 0 && d.mailer) {
        await d.queue.sendMany(
          QUEUES.email,
          mailable.map((userId) => ({
            data: { userId },
            options: { singletonKey: userId, singletonSeconds: emailAfter, startAfterSeconds: emailAfter },
          })),
        );
      }
      if (page.length < BATCH) return;
    }
  }

  async function push(job: Job<{ endpoint: string; userId: string; conversationId: string }>): Promise<void> {
    const { endpoint, userId, conversationId } = job.data;
    const sub = (await d.store.pushSubscriptions([userId])).get(userId)?.find((s) => s.endpoint === endpoint);
    if (!sub || !d.push) return;
    // Written when sent, not when queued: what is unread now, so a read conversation sends nothing.
    if ((await d.presence.focused([userId], now().getTime())).has(userId)) return;
    const unread = (await d.conversations.unreadCounts(userId, [conversationId])).get(conversationId)?.messages ?? 0;
    if (unread === 0) return;
    const topic = await topicOf(conversationId);
    if (!topic) return;
    const content = await buildPush(d, userId, topic, unread);
    const target = new URL(endpoint).origin;
    const outcome = await d.push.send(sub, JSON.stringify(content), {
      ttlSeconds: 86_400,
      topic: conversationId.replace(/-/g, ''),
    });
    const attempt = {
      userId,
      conversationId,
      channel: 'push' as const,
      target,
      attempt: job.retryCount + 1,
      at: now().toISOString(),
    };
    await d.store.recordAttempt({ ...attempt, status: outcome.status, statusCode: outcome.statusCode });
    if (outcome.status === 'sent') await d.store.markPushSuccess(endpoint, attempt.at);
    if (outcome.status === 'gone') await d.store.removePush(endpoint, null);
    if (outcome.status === 'retry')
      throw new Error(`push service answered ${outcome.statusCode ?? 'nothing'}; retrying`);
  }

  async function email(job: Job<{ userId: string }>): Promise<void> {
    const { userId } = job.data;
    const settings = (await d.store.settings([userId])).get(userId) ?? DEFAULT_NOTIFICATION_SETTINGS;
    if (!d.mailer || !settings.emailFallback || !settings.emailAddress) return;
    const since = new Date(now().getTime() - emailAfter * 1000).toISOString();
    const subs = (await d.store.pushSubscriptions([userId])).get(userId) ?? [];
    // A push that got through lately reached the user; the e-mail is for when none did.
    if (subs.some((s) => s.lastSuccessAt !== null && s.lastSuccessAt > since)) return;
    const last = await d.store.lastEmailAt(userId);
    if (last !== null && last > since) return;
    const digest = await buildDigest(d, userId, settings, unsubscribeSignature(d.secret, userId));
    if (!digest) return;
    const domain = settings.emailAddress.split('@')[1] ?? '';
    const attempt = {
      userId,
      conversationId: null,
      channel: 'email' as const,
      target: domain,
      attempt: job.retryCount + 1,
      at: now().toISOString(),
    };
    try {
      await d.mailer.send({ to: settings.emailAddress, ...digest });
    } catch (err) {
      await d.store.recordAttempt({ ...attempt, status: 'retry', statusCode: null });
      throw err;
    }
    await d.store.claimEmail(userId, attempt.at, since);
    await d.store.recordAttempt({ ...attempt, status: 'sent', statusCode: null });
  }

  return {
    /** Starts this node's workers. */
    async start(): Promise<void> {
      await d.queue.work(QUEUES.message, expand);
      // Pushes wait on push services, not on this node: many at once.
      await d.queue.work(QUEUES.push, push, { concurrency: 10 });
      await d.queue.work(QUEUES.email, email);
    },
    /** Queues the notifications of a message just stored (one job, whatever the group's size). */
    async messageSent(m: Message): Promise<void> {
      if (m.kind === 'SYSTEM' || m.threadRootId) return;
      await d.queue.send(
        QUEUES.message,
        { conversationId: m.conversationId, messageId: m.id },
        { singletonKey: m.id, singletonSeconds: 3600 },
      );
    },
  };
}

/** The delivery's surface. */
export type NotificationDelivery = ReturnType<typeof createNotificationDelivery>;
