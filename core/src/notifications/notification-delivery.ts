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
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationLevel } from './notification.model';
import {
  buildDigest,
  buildPush,
  buildThreadPush,
  pushTopic,
  type PushContent,
  type PushTopic,
} from './notification-content';
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

  /**
   * Of `candidates`, those who want to hear of `m` at the level `levelFor` makes of their own setting
   * (and not muted), and have no client in the foreground.
   */
  async function reachable(
    m: Message,
    candidates: string[],
    levelFor: (chosen: NotificationLevel | null) => NotificationLevel,
    mentioned: (userId: string) => boolean,
  ): Promise<string[]> {
    const at = now();
    const levels = new Map((await d.store.levels(m.conversationId, candidates)).map((l) => [l.userId, l]));
    const wanted = candidates.filter((id) => {
      const l = levels.get(id);
      return notifies(levelFor(l?.level ?? null), mentioned(id), l?.mutedUntil ?? null, at);
    });
    const focused = await d.presence.focused(wanted, at.getTime());
    return wanted.filter((id) => !focused.has(id));
  }

  /** Members who should hear of `m` now, at their level or the default for the conversation's kind and size. */
  function recipients(
    m: Message,
    memberIds: string[],
    kind: 'DIRECT' | 'GROUP',
    memberCount: number,
    blockers: Set<string>,
  ) {
    return reachable(
      m,
      memberIds.filter((id) => id !== m.senderId && !blockers.has(id)),
      (chosen) => effectiveLevel(chosen, kind, memberCount),
      (id) => m.mentionIds.includes(id),
    );
  }

  /**
   * A reply in a thread notifies the thread's people (its root's sender, those who replied, anyone
   * mentioned) who are members, not in the foreground, and have not set the conversation to NONE or muted it.
   */
  async function threadRecipients(m: Message, blockers: Set<string>): Promise<string[]> {
    const [root] = await d.conversations.getMessages([m.threadRootId!]);
    const people = [...new Set([root?.senderId, ...(root?.thread?.participantIds ?? []), ...m.mentionIds])].filter(
      (id): id is string => !!id && id !== m.senderId && !blockers.has(id),
    );
    const members = await d.conversations.getMemberships(
      people.map((userId) => ({ conversationId: m.conversationId, userId })),
    );
    return reachable(
      m,
      members.map((x) => x.userId),
      (chosen) => (chosen === 'NONE' ? 'NONE' : 'ALL'),
      () => true,
    );
  }

  /** Queues a push per device of `ids` (a thread reply's name the reply; the conversation's are written when sent). */
  async function queuePushes(
    ids: string[],
    conversationId: string,
    thread: { rootId: string; messageId: string } | null,
  ) {
    const settings = await d.store.settings(ids);
    const subs = await d.store.pushSubscriptions(ids);
    const pushes = ids.flatMap((userId) =>
      inQuietHours(settings.get(userId)?.quietHours ?? null, now())
        ? []
        : (subs.get(userId) ?? []).map((s) => ({
            data: { endpoint: s.endpoint, userId, conversationId, ...(thread ? { messageId: thread.messageId } : {}) },
            options: {
              singletonKey: `${s.endpoint}|${thread?.rootId ?? conversationId}`,
              singletonSeconds: aggregate,
              startAfterSeconds: aggregate,
            },
          })),
    );
    if (pushes.length > 0) await d.queue.sendMany(QUEUES.push, pushes);
    return settings;
  }

  async function expand(job: Job<{ conversationId: string; messageId: string }>): Promise<void> {
    const [m] = await d.conversations.getMessages([job.data.messageId]);
    const [c] = await d.conversations.getConversations([job.data.conversationId]);
    if (!m || !c || m.deletedAt || !m.senderId) return;
    const blockers = await d.blocks.blockersOf(m.senderId);
    if (m.threadRootId) {
      await queuePushes(await threadRecipients(m, blockers), c.id, { rootId: m.threadRootId, messageId: m.id });
      return;
    }
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
      const settings = await queuePushes(ids, c.id, null);
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

  async function push(
    job: Job<{ endpoint: string; userId: string; conversationId: string; messageId?: string }>,
  ): Promise<void> {
    const { endpoint, userId, conversationId, messageId } = job.data;
    const sub = (await d.store.pushSubscriptions([userId])).get(userId)?.find((s) => s.endpoint === endpoint);
    if (!sub || !d.push) return;
    // Written when sent, not when queued: what is unread now, so a read conversation sends nothing.
    if ((await d.presence.focused([userId], now().getTime())).has(userId)) return;
    let content: PushContent | null;
    if (messageId) {
      content = await buildThreadPush(d, userId, messageId);
    } else {
      const unread = (await d.conversations.unreadCounts(userId, [conversationId])).get(conversationId)?.messages ?? 0;
      const topic = unread > 0 ? await topicOf(conversationId) : null;
      content = topic && (await buildPush(d, userId, topic, unread));
    }
    if (!content) return;
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
      if (m.kind === 'SYSTEM' || !m.senderId) return;
      // One cheap read instead of a job and its reads, where nobody could be told anyway.
      if (!(await d.store.hasReachableMember(m.conversationId, m.senderId))) return;
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
