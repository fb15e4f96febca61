import { randomUUID } from 'node:crypto';
import type { AuditTrail } from '../audit/audit-trail';
import type { AccessTokenStore } from '../ports/access-token.store';
import type { SessionStore } from '../ports/session.store';
import type { AppealRecord, SuspensionRecord, SuspensionStore } from '../ports/suspension.store';
import type { UserStore } from '../ports/user.store';
import { checkReason, requireReason } from './moderation-reason';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { codePointLength, FieldErrors, hasForbiddenChars, isId } from '../shared/validate';

/** Settings of {@link createSuspensionService}. */
export interface SuspensionServiceDeps {
  suspensions: SuspensionStore;
  sessions: Pick<SessionStore, 'revokeAllOf'>;
  accessTokens: Pick<AccessTokenStore, 'revokeAllOf'>;
  users: Pick<UserStore, 'findByIds'>;
  isAdmin: (userId: string) => Promise<boolean>;
  /** The user with these credentials (with the log-in limits), for appeals from users who cannot sign in. */
  checkCredentials?:
    ((input: { username: string; password: string }, ip: string | undefined) => Promise<{ id: string }>) | undefined;
  audit?: AuditTrail | undefined;
  now?: () => Date;
}

/** Longest suspension short of a ban: a year. */
const MAX_HOURS = 24 * 365;

/**
 * Suspending and banning users. A suspension ends every session and personal access token of the
 * user at once: their next request is refused, and their open sockets close on every node at the
 * next credential check (every 2 s); signing in is refused until it ends.
 */
export function createSuspensionService(d: SuspensionServiceDeps) {
  const now = d.now ?? (() => new Date());

  async function requireAdmin(viewerId: string): Promise<void> {
    if (!(await d.isAdmin(viewerId))) throw new ForbiddenError('Only server administrators can suspend users');
  }

  return {
    /** Suspends `userId` for `hours`, or bans them when `hours` is null; administrators only. */
    async suspend(viewerId: string, userId: string, hours: number | null, reason: string): Promise<SuspensionRecord> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(
        hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS),
        'hours',
        `must be 1 to ${MAX_HOURS}, or null for a ban`,
      );
      const why = checkReason(errors, reason);
      errors.throwIfAny();
      const [user] = isId(userId) ? await d.users.findByIds([userId]) : [];
      if (!user) throw new NotFoundError('User');
      if (userId === viewerId || (await d.isAdmin(userId))) {
        throw new ValidationError({ userId: 'an administrator cannot be suspended' });
      }
      const at = now();
      const record: SuspensionRecord = {
        id: randomUUID(),
        userId,
        until: hours === null ? null : new Date(at.getTime() + hours * 3_600_000).toISOString(),
        reason: why,
        by: viewerId,
        at: at.toISOString(),
        liftedAt: null,
      };
      await d.suspensions.suspend(record);
      await d.sessions.revokeAllOf(userId);
      await d.accessTokens.revokeAllOf(userId, at);
      d.audit?.record('moderation.user_suspended', { actorId: viewerId, targetId: userId }, { hours, reason: why });
      return record;
    },

    /** Ends a user's suspension or ban early; administrators only. False when there was none. */
    async lift(viewerId: string, userId: string, reason: string): Promise<boolean> {
      await requireAdmin(viewerId);
      const why = requireReason(new FieldErrors(), reason);
      if (!isId(userId)) throw new NotFoundError('User');
      const lifted = await d.suspensions.lift(userId, now().toISOString());
      if (lifted)
        d.audit?.record('moderation.suspension_lifted', { actorId: viewerId, targetId: userId }, { reason: why });
      return lifted;
    },

    /**
     * A suspended user's appeal, made with their username and password since they cannot sign in: once
     * per suspension, with a note for the administrators.
     */
    async appeal(input: { username: string; password: string; note: string }, ip?: string): Promise<boolean> {
      const errors = new FieldErrors();
      const note = input.note.trim();
      errors.check(codePointLength(note) < 1 || codePointLength(note) > 2000, 'note', 'must be 1 to 2000 characters');
      errors.check(hasForbiddenChars(note.replace(/\n/g, ' ')), 'note', 'must not contain control characters');
      errors.throwIfAny();
      if (!d.checkCredentials) throw new ValidationError({ note: 'appeals are not taken on this server' });
      const user = await d.checkCredentials(input, ip);
      const s = (await d.suspensions.inForce([user.id], now().toISOString())).get(user.id);
      if (!s) throw new ValidationError({ username: 'this account is not suspended' });
      const appeal: AppealRecord = {
        id: randomUUID(),
        suspensionId: s.id,
        userId: user.id,
        note,
        createdAt: now().toISOString(),
        status: 'OPEN',
        decision: null,
      };
      if (!(await d.suspensions.appeal(appeal))) {
        throw new ValidationError({ note: 'this suspension was appealed already' });
      }
      d.audit?.record('moderation.appeal_made', { actorId: user.id, targetId: s.id });
      return true;
    },

    /** Appeals with `status`, oldest first; administrators only. */
    async appeals(
      viewerId: string,
      status: string,
      first: number,
    ): Promise<(AppealRecord & { suspension: SuspensionRecord | null })[]> {
      await requireAdmin(viewerId);
      const errors = new FieldErrors();
      errors.check(!['OPEN', 'UPHELD', 'LIFTED'].includes(status), 'status', 'must be OPEN, UPHELD or LIFTED');
      errors.check(!Number.isInteger(first) || first < 1 || first > 100, 'first', 'must be between 1 and 100');
      errors.throwIfAny();
      const list = await d.suspensions.appeals(status as AppealRecord['status'], first);
      return Promise.all(list.map(async (a) => ({ ...a, suspension: await d.suspensions.get(a.suspensionId) })));
    },

    /** Decides an appeal: lift the suspension or uphold it; by an administrator other than the one who suspended. */
    async decideAppeal(viewerId: string, appealId: string, lift: boolean, reason: string): Promise<AppealRecord> {
      await requireAdmin(viewerId);
      const why = requireReason(new FieldErrors(), reason);
      const appeal = isId(appealId) ? await d.suspensions.getAppeal(appealId) : null;
      if (!appeal) throw new NotFoundError('Appeal');
      const s = await d.suspensions.get(appeal.suspensionId);
      if (s?.by === viewerId) throw new ForbiddenError('An administrator other than the one who suspended must decide');
      const decision = { by: viewerId, reason: why, at: now().toISOString() };
      if (!(await d.suspensions.decideAppeal(appealId, lift ? 'LIFTED' : 'UPHELD', decision))) {
        throw new ValidationError({ appealId: 'is decided already' });
      }
      if (lift && s && s.liftedAt === null) await d.suspensions.lift(s.userId, decision.at);
      d.audit?.record('moderation.appeal_decided', { actorId: viewerId, targetId: appealId }, { lift, reason: why });
      return (await d.suspensions.getAppeal(appealId))!;
    },

    /** Refuses a user who is suspended or banned (signing in). */
    async assertNotSuspended(userId: string): Promise<void> {
      const s = (await d.suspensions.inForce([userId], now().toISOString())).get(userId);
      if (!s) return;
      throw new ForbiddenError(
        s.until === null
          ? `This account is banned from this server: ${s.reason}`
          : `This account is suspended until ${s.until}: ${s.reason}`,
      );
    },
  };
}

/** The suspension service's surface. */
export type SuspensionService = ReturnType<typeof createSuspensionService>;
