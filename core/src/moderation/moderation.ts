import type { AuditTrail } from '../audit/audit-trail';
import { createAuditService } from '../audit/audit.service';
import type { AbuseLimits } from '../limits/abuse-limits';
import type { AuditLog } from '../ports/audit-log';
import type { ConversationStore } from '../ports/conversation.store';
import type { AccessTokenStore } from '../ports/access-token.store';
import type { ReportStore } from '../ports/report.store';
import type { ServerRoleStore } from '../ports/server-role.store';
import type { SessionStore } from '../ports/session.store';
import type { SuspensionStore } from '../ports/suspension.store';
import type { UserStore } from '../ports/user.store';
import { createReportService } from './report.service';
import { createServerRoles } from './server-role.service';
import { createSuspensionService } from './suspension.service';

/** What server administration is built from. */
export interface ModerationDeps {
  audit?: AuditLog | undefined;
  reports?: ReportStore | undefined;
  suspensions?: SuspensionStore | undefined;
  serverRoles?: ServerRoleStore | undefined;
  sessions: SessionStore;
  accessTokens: AccessTokenStore;
  users: UserStore;
  conversations: ConversationStore;
  limits?: Pick<AbuseLimits, 'report'> | undefined;
  trail: AuditTrail;
  /** Deletes a message for everyone as an administrator. */
  deleteMessage?: (adminId: string, messageId: string) => Promise<unknown>;
  /** Removes a member from a group as an administrator. */
  removeMember?: (conversationId: string, userId: string) => Promise<void>;
  /** The user with these credentials, for appeals. */
  checkCredentials?: (input: { username: string; password: string }, ip: string | undefined) => Promise<{ id: string }>;
  adminUsernames: readonly string[];
}

/** Server administration: administrators, the audit log, reports and suspensions; each null without its store. */
export function createModeration(d: ModerationDeps) {
  const roles = createServerRoles({
    roles: d.serverRoles,
    users: d.users,
    suspensions: d.suspensions,
    adminUsernames: d.adminUsernames,
    audit: d.trail,
  });
  const isAdmin = roles.isAdmin;
  return {
    /** Who administers the server. */
    roles,
    /** The audit log for administrators; null without an audit log. */
    admin: d.audit ? createAuditService({ log: d.audit, isAdmin, users: d.users }) : null,
    /** Reports and the moderation queue; null without a report store. */
    reports: d.reports
      ? createReportService({
          reports: d.reports,
          conversations: d.conversations,
          users: d.users,
          isAdmin,
          rateLimit: d.limits?.report,
          deleteMessage: d.deleteMessage,
          removeMember: d.removeMember,
          audit: d.trail,
        })
      : null,
    /** Suspending and banning users; null without a suspension store. */
    suspensions: d.suspensions
      ? createSuspensionService({
          suspensions: d.suspensions,
          sessions: d.sessions,
          accessTokens: d.accessTokens,
          users: d.users,
          isAdmin,
          audit: d.trail,
          checkCredentials: d.checkCredentials,
        })
      : null,
  };
}
