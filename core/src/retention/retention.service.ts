import type { Attachment } from '../attachments/attachment.model';
import type { AuditTrail } from '../audit/audit-trail';
import type { Conversation } from '../conversations/conversation.model';
import { loadUsers, nameOf, systemMessage, writeAsMember } from '../conversations/conversation.writes';
import type { EventPublisher } from '../events/event-publisher';
import type { ConversationStore } from '../ports/conversation.store';
import type { JobQueue } from '../ports/job-queue';
import type { UserStore } from '../ports/user.store';
import { ForbiddenError, ValidationError } from '../shared/errors';

/** The durable queue retention runs on: one job per hour whichever node queues it. */
export const RETENTION_QUEUE = 'retention';
/** Messages deleted per transaction: each holds the conversation's lock only this long. */
const BATCH = 500;
/** Conversations read per page. */
const PAGE = 500;
/** Longest retention a group can set: ten years. */
const MAX_DAYS = 3650;

/** Settings of {@link createRetention}. */
export interface RetentionDeps {
  store: ConversationStore;
  users: UserStore;
  publisher: EventPublisher;
  /** Removes files of deleted messages. */
  attachments?: { discard(files: readonly Attachment[]): Promise<void> } | undefined;
  jobs?: JobQueue | undefined;
  audit: AuditTrail;
  /** Whether a user is a server administrator (they may start a run at once). */
  isAdmin: (userId: string) => Promise<boolean>;
  /** The server's RETENTION_DAYS; null keeps messages unless a group sets its own. */
  serverDays: number | null;
  now?: () => Date;
}

/**
 * Message retention: a server default and a per-group setting by its owner (the shorter applies).
 * An hourly job deletes older messages conversation by conversation in batches, each batch its own
 * short transaction, and records each run that deleted something in the audit log.
 */
export function createRetention(d: RetentionDeps) {
  const now = d.now ?? (() => new Date());

  /** Deletes what is past its retention now. */
  async function run(): Promise<{ conversations: number; messages: number; files: number }> {
    let after: string | null = null;
    const totals = { conversations: 0, messages: 0, files: 0 };
    for (;;) {
      const page = await d.store.retentionPage(d.serverDays, after, PAGE);
      for (const { id, days } of page) {
        const before = new Date(now().getTime() - days * 86_400_000).toISOString();
        let deleted = 0;
        for (;;) {
          const batch = (await d.store.write(id, (tx) => tx.expireMessages(before, BATCH)))?.result ?? [];
          const files = batch.flatMap((m) => m.attachments);
          // After the commit, as for a deleted message: a failed removal leaves a file, never a dangling row.
          if (files.length > 0) await d.attachments?.discard(files);
          deleted += batch.length;
          totals.files += files.length;
          if (batch.length < BATCH) break;
        }
        if (deleted > 0) totals.conversations += 1;
        totals.messages += deleted;
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    if (totals.messages > 0) d.audit.record('retention.run', { actorId: null }, totals);
    return totals;
  }

  return {
    /** How long a conversation's messages are kept, in days; null: for good. */
    effectiveDays(c: Pick<Conversation, 'retentionDays'>): number | null {
      if (c.retentionDays === null) return d.serverDays;
      return d.serverDays === null ? c.retentionDays : Math.min(c.retentionDays, d.serverDays);
    },

    /** Sets a group's retention (null: the server's default); its owner only. Members are told. */
    async set(viewerId: string, conversationId: string, days: number | null): Promise<Conversation> {
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
        throw new ValidationError({ days: `must be 1 to ${MAX_DAYS}, or null for the server’s default` });
      }
      const users = await loadUsers(d.users, [viewerId]);
      const { events, conversation } = await writeAsMember(d.store, viewerId, conversationId, async (tx, me) => {
        if (tx.conversation.kind === 'DIRECT')
          throw new ValidationError({ conversationId: 'is a direct conversation' });
        if (me.role !== 'OWNER')
          throw new ForbiddenError('Only the group’s owner can change how long messages are kept');
        if (tx.conversation.retentionDays === days) return { events: [], conversation: { ...tx.conversation } };
        await tx.updateConversation({ retentionDays: days });
        const updated = await tx.appendEvent((seq) => ({
          type: 'ConversationUpdated',
          conversation: { ...tx.conversation, lastSeq: seq },
        }));
        const what =
          days === null
            ? 'set messages to be kept as the server keeps them'
            : `set messages to be deleted after ${days} ${days === 1 ? 'day' : 'days'}`;
        const sys = await systemMessage(tx, `${nameOf(users.get(viewerId))} ${what}`);
        return { events: [updated, sys], conversation: { ...tx.conversation } };
      });
      if (events.length > 0) {
        d.publisher.publish(events);
        d.audit.record('retention.changed', { actorId: viewerId, targetId: conversationId }, { days });
      }
      return conversation;
    },

    run,

    /** Queues a run (one per hour across nodes), or runs now where there is no job queue. */
    async schedule(): Promise<void> {
      if (!d.jobs) {
        await run();
        return;
      }
      await d.jobs.send(RETENTION_QUEUE, {}, { singletonKey: 'retention', singletonSeconds: 3600 });
    },

    /** Queues a run now, outside the hourly schedule; server administrators only. */
    async runNow(viewerId: string): Promise<true> {
      if (!(await d.isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can run retention');
      if (d.jobs) await d.jobs.send(RETENTION_QUEUE, {});
      else await run();
      return true;
    },

    /** Runs queued retention jobs on this node. */
    async start(): Promise<void> {
      await d.jobs?.work(RETENTION_QUEUE, async () => void (await run()), { concurrency: 1 });
    },
  };
}

/** The retention service's surface. */
export type RetentionService = ReturnType<typeof createRetention>;
