import { AUDIT_ACTIONS, type AuditEntry, type AuditFilter, type AuditLog } from '../ports/audit-log';
import type { UserStore } from '../ports/user.store';
import { ForbiddenError } from '../shared/errors';
import { FieldErrors, isId } from '../shared/validate';

/** Settings of {@link createAuditService}. */
export interface AuditServiceDeps {
  log: AuditLog;
  /** Whether a user is a server administrator. */
  isAdmin: (userId: string) => Promise<boolean>;
  /** Who a username is, for filtering by actor by name. */
  users: Pick<UserStore, 'findByUsernames'>;
}

/** The audit log, which administrators may read. */
export function createAuditService(d: AuditServiceDeps) {
  const isAdmin = d.isAdmin;
  return {
    /** Entries newest first, by an actor given by id or username; administrators only. */
    async list(
      viewerId: string,
      filter: AuditFilter & { actorUsername?: string | null },
      first: number,
      before: string | null,
    ): Promise<AuditEntry[]> {
      if (!(await isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can read the audit log');
      const errors = new FieldErrors();
      errors.check(!Number.isInteger(first) || first < 1 || first > 200, 'first', 'must be between 1 and 200');
      errors.check(
        !!filter.action && !AUDIT_ACTIONS.includes(filter.action),
        'action',
        `must be one of ${AUDIT_ACTIONS.join(', ')}`,
      );
      errors.check(!!filter.actorId && !isId(filter.actorId), 'actorId', 'must be a valid ID');
      errors.check(before !== null && !/^\d{1,18}$/.test(before), 'before', 'must be an entry id');
      errors.check(!!filter.since && Number.isNaN(Date.parse(filter.since)), 'since', 'must be a date and time');
      errors.check(!!filter.until && Number.isNaN(Date.parse(filter.until)), 'until', 'must be a date and time');
      errors.check(
        !!filter.actorId && !!filter.actorUsername,
        'actorUsername',
        'give an actor id or a username, not both',
      );
      errors.throwIfAny();
      const { actorUsername, ...rest } = filter;
      if (!actorUsername) return d.log.list(rest, first, before);
      const [actor] = await d.users.findByUsernames([actorUsername.trim().replace(/^@/, '')]);
      return actor ? d.log.list({ ...rest, actorId: actor.id }, first, before) : [];
    },
  };
}

/** The audit service's surface. */
export type AuditService = ReturnType<typeof createAuditService>;
