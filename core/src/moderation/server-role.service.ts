import type { AuditTrail } from '../audit/audit-trail';
import type { ServerRoleStore } from '../ports/server-role.store';
import type { SuspensionRecord, SuspensionStore } from '../ports/suspension.store';
import type { UserStore } from '../ports/user.store';
import type { User } from '../users/user.model';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { FieldErrors, isId } from '../shared/validate';
import { checkReason } from './moderation-reason';

/** A server's role for a user. */
export type ServerRole = 'USER' | 'ADMIN';

/** A user as administrators see them: role, where it comes from, and a suspension in force. */
export interface ServerUser extends User {
  serverRole: ServerRole;
  /** Administrator through ADMIN_USERNAMES: the role cannot be changed through the API. */
  roleFromConfig: boolean;
  suspension: SuspensionRecord | null;
}

/** Settings of {@link createServerRoles}. */
export interface ServerRoleDeps {
  roles?: ServerRoleStore | undefined;
  users: Pick<UserStore, 'findByIds' | 'search'>;
  suspensions?: Pick<SuspensionStore, 'inForce'> | undefined;
  /** Usernames that are administrators by configuration. */
  adminUsernames: readonly string[];
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

/**
 * Who administers the server: the usernames of the configuration, and users an administrator made
 * one (`setServerRole`), whose role another administrator can take back.
 */
export function createServerRoles(d: ServerRoleDeps) {
  const configured = new Set(d.adminUsernames.map((u) => u.toLowerCase()));
  const now = d.now ?? (() => new Date());
  const fromConfig = (u: User) => configured.has(u.username.toLowerCase());

  async function describe(users: readonly User[]): Promise<ServerUser[]> {
    const ids = users.map((u) => u.id);
    const granted = (await d.roles?.adminsAmong(ids)) ?? new Set<string>();
    const suspended = (await d.suspensions?.inForce(ids, now().toISOString())) ?? new Map<string, SuspensionRecord>();
    return users.map((u) => ({
      ...u,
      serverRole: fromConfig(u) || granted.has(u.id) ? ('ADMIN' as const) : ('USER' as const),
      roleFromConfig: fromConfig(u),
      suspension: suspended.get(u.id) ?? null,
    }));
  }

  async function isAdmin(userId: string): Promise<boolean> {
    if (configured.size === 0 && !d.roles) return false;
    const [user] = await d.users.findByIds([userId]);
    if (!user) return false;
    return fromConfig(user) || ((await d.roles?.adminsAmong([userId]))?.has(userId) ?? false);
  }

  async function requireAdmin(viewerId: string): Promise<void> {
    if (!(await isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can manage users');
  }

  return {
    isAdmin,

    /** Users whose username or display name starts with `query` (all users, by username, when empty). */
    async list(viewerId: string, query: string, first: number): Promise<ServerUser[]> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(!Number.isInteger(first) || first < 1 || first > 100, 'first', 'must be between 1 and 100');
      errors.check(query.length > 100, 'query', 'must be at most 100 characters');
      errors.throwIfAny();
      return describe(await d.users.search(query.trim(), first));
    },

    /** Grants or withdraws the administrator role; administrators only, with a reason, audited. */
    async setRole(viewerId: string, userId: string, role: ServerRole, reason: string): Promise<ServerUser> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(role !== 'USER' && role !== 'ADMIN', 'role', 'must be USER or ADMIN');
      const why = checkReason(errors, reason);
      errors.throwIfAny();
      const [user] = isId(userId) ? await d.users.findByIds([userId]) : [];
      if (!user) throw new NotFoundError('User');
      if (fromConfig(user)) throw new ValidationError({ userId: 'is an administrator by the server’s configuration' });
      if (userId === viewerId) throw new ValidationError({ userId: 'administrators cannot change their own role' });
      if (!d.roles) throw new ForbiddenError('This server keeps no roles');
      if (await d.roles.setAdmin(userId, role === 'ADMIN', viewerId, now().toISOString())) {
        d.audit?.record('server.role_changed', { actorId: viewerId, targetId: userId }, { role, reason: why });
      }
      const [described] = await describe([user]);
      return described!;
    },
  };
}

/** The server roles service's surface. */
export type ServerRoleService = ReturnType<typeof createServerRoles>;
