import { randomUUID } from 'node:crypto';
import type { AuditTrail } from '../audit/audit-trail';
import type { AccessTokenStore } from '../ports/access-token.store';
import type { BlobStore } from '../ports/blob.store';
import type { ConversationStore } from '../ports/conversation.store';
import type { DataExportRecord, DataExportStore } from '../ports/data-export.store';
import type { Job, JobQueue } from '../ports/job-queue';
import type { NotificationStore } from '../ports/notification.store';
import type { SessionStore } from '../ports/session.store';
import type { UserStore } from '../ports/user.store';
import { ValidationError } from '../shared/errors';
import type { Message } from '../messages/message.model';

/** Settings of {@link createAccountService}. */
export interface AccountServiceDeps {
  exports: DataExportStore;
  blobs: BlobStore;
  queue: JobQueue;
  users: UserStore;
  conversations: ConversationStore;
  sessions: Pick<SessionStore, 'revokeAllOf'>;
  accessTokens: Pick<AccessTokenStore, 'revokeAllOf'>;
  notifications?: NotificationStore | undefined;
  /** Checks the user's password (with the log-in limits). */
  checkPassword: (username: string, password: string) => Promise<unknown>;
  /** Leaves a group (owner succession included); direct conversations stay, under "Deleted user". */
  leave: (userId: string, conversationId: string) => Promise<unknown>;
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

const QUEUE = 'account-export';
/** An export link is valid this long. */
const LINK_MS = 60 * 60 * 1000;

/** A user's own data: a downloadable copy of it (prepared in the background), and deleting the account. */
export function createAccountService(d: AccountServiceDeps) {
  const now = d.now ?? (() => new Date());

  /** The user's own messages in one conversation, oldest first, a page of history at a time. */
  async function ownMessages(userId: string, conversationId: string): Promise<Message[]> {
    const mine: Message[] = [];
    let after = 0;
    for (;;) {
      const page = await d.conversations.history(conversationId, { afterSeq: after, limit: 200, hiddenFor: null });
      mine.push(...page.messages.filter((m) => m.senderId === userId));
      if (!page.hasMoreAfter || page.messages.length === 0) return mine;
      after = page.messages[page.messages.length - 1]!.seq;
    }
  }

  async function build(job: Job<{ exportId: string; userId: string }>): Promise<void> {
    const { exportId, userId } = job.data;
    const [user] = await d.users.findByIds([userId]);
    const ids = await d.conversations.conversationIdsOf(userId);
    const conversations = await d.conversations.getConversations(ids);
    const memberships = await d.conversations.getMemberships(ids.map((conversationId) => ({ conversationId, userId })));
    const archive = {
      exportedAt: now().toISOString(),
      profile: user && {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        createdAt: user.createdAt,
      },
      conversations: [] as unknown[],
    };
    for (const c of conversations) {
      const mine = await ownMessages(userId, c.id);
      const reacted = await d.conversations.reactionsBy(
        userId,
        mine.map((m) => m.id),
      );
      const member = memberships.find((m) => m.conversationId === c.id);
      archive.conversations.push({
        id: c.id,
        kind: c.kind,
        title: c.title,
        role: member?.role ?? null,
        joinedAt: member?.joinedAt ?? null,
        // Only the user's own messages: what others wrote is theirs.
        messages: mine.map((m) => ({
          id: m.id,
          seq: m.seq,
          sentAt: m.createdAt,
          text: m.text,
          editedAt: m.editedAt,
          deletedAt: m.deletedAt,
          files: m.attachments.map((a) => ({ kind: a.kind, filename: a.filename, byteSize: a.byteSize })),
          location: m.location,
          myReactions: [...(reacted.get(m.id) ?? [])],
        })),
      });
    }
    const bytes = Buffer.from(JSON.stringify(archive, null, 2));
    const blobKey = `exports/${exportId}`;
    await d.blobs.put(blobKey, bytes, 'application/json');
    await d.exports.finish(exportId, {
      status: 'READY',
      readyAt: now().toISOString(),
      blobKey,
      byteSize: bytes.length,
    });
    d.audit?.record('account.exported', { actorId: userId, targetId: exportId }, { byteSize: bytes.length });
  }

  return {
    start: () => d.queue.work(QUEUE, build),

    /** Asks for a copy of the viewer's data; one at a time. */
    async requestExport(viewerId: string): Promise<DataExportRecord> {
      const last = await d.exports.latest(viewerId);
      if (last?.status === 'PENDING') return last;
      const record: DataExportRecord = {
        id: randomUUID(),
        userId: viewerId,
        status: 'PENDING',
        createdAt: now().toISOString(),
        readyAt: null,
        blobKey: null,
        byteSize: null,
      };
      await d.exports.create(record);
      await d.queue.send(QUEUE, { exportId: record.id, userId: viewerId });
      return record;
    },

    /** The viewer's newest export, with a download link valid for an hour once it is ready. */
    async latestExport(viewerId: string): Promise<(DataExportRecord & { url: string | null }) | null> {
      const e = await d.exports.latest(viewerId);
      if (!e) return null;
      const url =
        e.status === 'READY' && e.blobKey
          ? await d.blobs.readUrl(e.blobKey, {
              filename: `parley-data-${e.createdAt.slice(0, 10)}.json`,
              contentType: 'application/json',
              expiresAt: new Date(now().getTime() + LINK_MS),
            })
          : null;
      return { ...e, url };
    },

    /**
     * Deletes the viewer's account after checking their password: every session and token ends, they
     * leave their groups, their devices stop getting pushes, and the account keeps only its id, shown as
     * "Deleted user" beside the messages it sent.
     */
    async deleteAccount(viewerId: string, password: string): Promise<boolean> {
      const [user] = await d.users.findByIds([viewerId]);
      if (!user) throw new ValidationError({ password: 'this account no longer exists' });
      await d.checkPassword(user.username, password);
      for (const c of await d.conversations.getConversations(await d.conversations.conversationIdsOf(viewerId))) {
        if (c.kind === 'GROUP') await d.leave(viewerId, c.id);
      }
      const devices = (await d.notifications?.pushSubscriptions([viewerId]))?.get(viewerId) ?? [];
      for (const s of devices) await d.notifications?.removePush(s.endpoint, viewerId);
      await d.users.anonymize(viewerId, `deleted_${viewerId.replace(/-/g, '').slice(0, 12)}`);
      await d.sessions.revokeAllOf(viewerId);
      await d.accessTokens.revokeAllOf(viewerId, now());
      d.audit?.record('account.deleted', { actorId: viewerId, targetId: viewerId });
      return true;
    },
  };
}

/** The account service when its stores are there (exports, blobs and a job queue), else null. */
export function accountServiceFor(
  d: Omit<AccountServiceDeps, 'exports' | 'blobs' | 'queue'> & {
    exports?: DataExportStore | undefined;
    blobs?: BlobStore | undefined;
    jobs?: JobQueue | undefined;
  },
) {
  const { exports, blobs, jobs } = d;
  return exports && blobs && jobs ? createAccountService({ ...d, exports, blobs, queue: jobs }) : null;
}

/** The account service's surface. */
export type AccountService = ReturnType<typeof createAccountService>;
