import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { DateTimeScalar } from './date-time.scalar';

/** What an audit entry records. */
export enum AuditAction {
  AUTH_LOGIN_FAILED = 'auth.login_failed',
  AUTH_LOGIN_BLOCKED = 'auth.login_blocked',
  TOKEN_CREATED = 'token.created',
  TOKEN_REVOKED = 'token.revoked',
  MEMBER_ROLE_CHANGED = 'member.role_changed',
  MEMBER_REMOVED = 'member.removed',
  USER_BLOCKED = 'user.blocked',
  USER_UNBLOCKED = 'user.unblocked',
  REPORT_CREATED = 'report.created',
  REPORT_RESOLVED = 'report.resolved',
  USER_SUSPENDED = 'moderation.user_suspended',
  SUSPENSION_LIFTED = 'moderation.suspension_lifted',
  MESSAGE_DELETED_BY_ADMIN = 'moderation.message_deleted',
  APPEAL_MADE = 'moderation.appeal_made',
  APPEAL_DECIDED = 'moderation.appeal_decided',
  ACCOUNT_EXPORTED = 'account.exported',
  ACCOUNT_DELETED = 'account.deleted',
  SERVER_ROLE_CHANGED = 'server.role_changed',
  RETENTION_CHANGED = 'retention.changed',
  RETENTION_RUN = 'retention.run',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'Security and moderation events the audit log keeps.',
  valuesConfig: {
    AUTH_LOGIN_FAILED: { description: 'A wrong username or password.' },
    AUTH_LOGIN_BLOCKED: { description: 'A log-in refused: too many failures from that address for that username.' },
    TOKEN_CREATED: { description: 'A personal access token created.' },
    TOKEN_REVOKED: { description: 'A personal access token revoked.' },
    MEMBER_ROLE_CHANGED: { description: 'A group member’s role changed.' },
    MEMBER_REMOVED: { description: 'A member removed from a group by an owner or admin.' },
    USER_BLOCKED: { description: 'A user blocked another.' },
    USER_UNBLOCKED: { description: 'A user ended a block.' },
    REPORT_CREATED: { description: 'A message or user reported.' },
    REPORT_RESOLVED: { description: 'A report closed by an administrator, with the outcome and why.' },
    USER_SUSPENDED: { description: 'A user suspended or banned by an administrator.' },
    SUSPENSION_LIFTED: { description: 'A suspension or ban ended early by an administrator.' },
    MESSAGE_DELETED_BY_ADMIN: { description: 'A message deleted for everyone by a server administrator.' },
    APPEAL_MADE: { description: 'A suspended user appealed.' },
    APPEAL_DECIDED: { description: 'An appeal decided (upheld or lifted) by another administrator.' },
    ACCOUNT_EXPORTED: { description: 'A copy of a user’s data prepared for them.' },
    ACCOUNT_DELETED: { description: 'A user deleted their account.' },
    SERVER_ROLE_CHANGED: { description: 'A user made a server administrator, or no longer one.' },
    RETENTION_CHANGED: { description: 'A group’s owner changed how long its messages are kept.' },
    RETENTION_RUN: { description: 'Messages past their retention deleted (counts per run).' },
  },
});

/** One entry of the audit log. */
@ObjectType({ description: 'One security or moderation event. Entries are never changed or removed.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Increasing: pass the last one as `before` for the next page.' })
  id!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => ID, { nullable: true, description: 'Who did it; null when unknown (a failed log-in).' })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'The user, token or conversation it concerns.' })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'The client address, when known.' })
  ip!: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'What else is known (username tried, role given, …); never secrets or message text.',
  })
  details!: Record<string, unknown>;
}
