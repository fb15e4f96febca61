import { randomUUID } from 'node:crypto';
import type { AuditTrail } from '../audit/audit-trail';
import { requireReason } from './moderation-reason';
import type { Message } from '../messages/message.model';
import type { ConversationStore } from '../ports/conversation.store';
import type { RateLimiter } from '../ports/rate-limiter';
import type { ReportReason, ReportRecord, ReportStore } from '../ports/report.store';
import type { UserStore } from '../ports/user.store';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { codePointLength, FieldErrors, hasForbiddenChars, isId } from '../shared/validate';

/** Settings of {@link createReportService}. */
export interface ReportServiceDeps {
  reports: ReportStore;
  conversations: Pick<ConversationStore, 'getMessages' | 'getMemberships' | 'history'>;
  users: Pick<UserStore, 'findByIds'>;
  isAdmin: (userId: string) => Promise<boolean>;
  /** Removes a member from a group as a server administrator. */
  removeMember?: ((conversationId: string, userId: string) => Promise<void>) | undefined;
  /** Deletes a message for everyone as a server administrator. */
  deleteMessage?: ((adminId: string, messageId: string) => Promise<unknown>) | undefined;
  /** Reports a user may make; none when omitted (unit tests). */
  rateLimit?: RateLimiter | undefined;
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

const REASONS: readonly ReportReason[] = ['SPAM', 'HARASSMENT', 'HATE', 'VIOLENCE', 'SEXUAL', 'SELF_HARM', 'OTHER'];

function checkReport(reason: string, note: string | null | undefined): string | null {
  const errors = new FieldErrors();
  errors.check(!REASONS.includes(reason as ReportReason), 'reason', `must be one of ${REASONS.join(', ')}`);
  const text = note?.trim() || null;
  errors.check(text !== null && codePointLength(text) > 1000, 'note', 'must be at most 1000 characters');
  errors.check(text !== null && hasForbiddenChars(text), 'note', 'must not contain control characters');
  errors.throwIfAny();
  return text;
}

/** Reports of messages and users by members, and the queue administrators work through. */
export function createReportService(d: ReportServiceDeps) {
  const now = d.now ?? (() => new Date());

  async function file(report: Omit<ReportRecord, 'id' | 'createdAt' | 'status' | 'resolution'>): Promise<boolean> {
    await d.rateLimit?.consume(report.reporterId);
    const record: ReportRecord = {
      ...report,
      id: randomUUID(),
      createdAt: now().toISOString(),
      status: 'OPEN',
      resolution: null,
    };
    // Reporting the same thing again while it is open changes nothing (and says so by returning true).
    if (await d.reports.create(record)) {
      d.audit?.record(
        'report.created',
        { actorId: report.reporterId, targetId: report.targetUserId },
        { reportId: record.id, reason: report.reason, messageId: report.message?.messageId ?? null },
      );
    }
    return true;
  }

  async function requireAdmin(viewerId: string): Promise<void> {
    if (!(await d.isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can moderate');
  }

  return {
    /** Reports a message the viewer can read; its content is kept with the report. */
    async reportMessage(viewerId: string, messageId: string, reason: string, note?: string | null): Promise<boolean> {
      const text = checkReport(reason, note);
      if (!isId(messageId)) throw new NotFoundError('Message');
      const [m] = await d.conversations.getMessages([messageId]);
      const [member] = m
        ? await d.conversations.getMemberships([{ conversationId: m.conversationId, userId: viewerId }])
        : [];
      if (!m || !member) throw new NotFoundError('Message');
      if (!m.senderId) throw new ValidationError({ messageId: 'system messages cannot be reported' });
      if (m.senderId === viewerId) throw new ValidationError({ messageId: 'you cannot report your own message' });
      return file({
        reporterId: viewerId,
        targetUserId: m.senderId,
        reason: reason as ReportReason,
        note: text,
        message: {
          messageId: m.id,
          conversationId: m.conversationId,
          senderId: m.senderId,
          text: m.text,
          attachments: m.attachments.map((a) => ({ kind: a.kind, filename: a.filename })),
          sentAt: m.createdAt,
        },
      });
    },

    /** Reports a user (their profile or behaviour). */
    async reportUser(viewerId: string, userId: string, reason: string, note?: string | null): Promise<boolean> {
      const text = checkReport(reason, note);
      const [user] = isId(userId) ? await d.users.findByIds([userId]) : [];
      if (!user) throw new NotFoundError('User');
      if (userId === viewerId) throw new ValidationError({ userId: 'you cannot report yourself' });
      return file({
        reporterId: viewerId,
        targetUserId: userId,
        reason: reason as ReportReason,
        note: text,
        message: null,
      });
    },

    /** Reports with `status`, newest first; administrators only. */
    async queue(viewerId: string, status: string, first: number, before: string | null): Promise<ReportRecord[]> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(status !== 'OPEN' && status !== 'RESOLVED', 'status', 'must be OPEN or RESOLVED');
      errors.check(!Number.isInteger(first) || first < 1 || first > 100, 'first', 'must be between 1 and 100');
      errors.check(before !== null && !isId(before), 'before', 'must be a report id');
      errors.throwIfAny();
      return d.reports.list(status as ReportRecord['status'], first, before);
    },

    /** A reported message and up to two messages either side, as they are now (reports reach administrators only). */
    async context(report: ReportRecord): Promise<Message[]> {
      if (!report.message) return [];
      const [m] = await d.conversations.getMessages([report.message.messageId]);
      if (!m) return [];
      const around = (range: { beforeSeq?: number; afterSeq?: number }) =>
        d.conversations.history(m.conversationId, { ...range, limit: 2 });
      const [before, after] = await Promise.all([around({ beforeSeq: m.seq }), around({ afterSeq: m.seq })]);
      return [...before.messages, m, ...after.messages];
    },

    /** Deletes a message for everyone, in any conversation; administrators only, with a reason (audited). */
    async deleteMessage(viewerId: string, messageId: string, reason: string): Promise<void> {
      await requireAdmin(viewerId);
      const why = requireReason(new FieldErrors(), reason);
      if (!d.deleteMessage) throw new ValidationError({ messageId: 'messages cannot be deleted here' });
      await d.deleteMessage(viewerId, messageId);
      d.audit?.record('moderation.message_deleted', { actorId: viewerId, targetId: messageId }, { reason: why });
    },

    /** Removes a member from a group they need not be in; administrators only, with a reason (audited). */
    async removeMember(viewerId: string, conversationId: string, userId: string, reason: string): Promise<void> {
      await requireAdmin(viewerId);
      const why = requireReason(new FieldErrors(), reason);
      if (!d.removeMember) throw new ValidationError({ userId: 'members cannot be removed here' });
      await d.removeMember(conversationId, userId);
      d.audit?.record(
        'member.removed',
        { actorId: viewerId, targetId: userId },
        { conversationId, reason: why, byAdministrator: true },
      );
    },

    /** Closes a report with what was decided and why; administrators only. */
    async resolve(viewerId: string, reportId: string, outcome: string, reason: string): Promise<ReportRecord> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(outcome !== 'DISMISSED' && outcome !== 'ACTIONED', 'outcome', 'must be DISMISSED or ACTIONED');
      const why = requireReason(errors, reason);
      if (!isId(reportId)) throw new NotFoundError('Report');
      const resolution = {
        outcome: outcome as 'DISMISSED' | 'ACTIONED',
        by: viewerId,
        reason: why,
        at: now().toISOString(),
      };
      if (!(await d.reports.resolve(reportId, resolution))) {
        const existing = await d.reports.get(reportId);
        if (!existing) throw new NotFoundError('Report');
        throw new ValidationError({ reportId: 'is resolved already' });
      }
      d.audit?.record('report.resolved', { actorId: viewerId, targetId: reportId }, { outcome, reason: why });
      return (await d.reports.get(reportId))!;
    },
  };
}

/** The report service's surface. */
export type ReportService = ReturnType<typeof createReportService>;
