import type { LocationQuery } from 'vue-router';
import type { AuditAction, AuditLogQueryVariables } from '../gql/graphql';

/** Every action the audit log keeps, as the filter offers it (the type makes a new one in the schema show here). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  ACCOUNT_DELETED: 'Account deleted',
  ACCOUNT_EXPORTED: 'Data copy prepared',
  APPEAL_DECIDED: 'Appeal decided',
  APPEAL_MADE: 'Appeal made',
  AUTH_LOGIN_BLOCKED: 'Log-in blocked',
  AUTH_LOGIN_FAILED: 'Log-in failed',
  MEMBER_REMOVED: 'Member removed',
  MEMBER_ROLE_CHANGED: 'Member role changed',
  MESSAGE_DELETED_BY_ADMIN: 'Message deleted by an administrator',
  REPORT_CREATED: 'Report made',
  REPORT_RESOLVED: 'Report closed',
  RETENTION_CHANGED: 'Group retention changed',
  RETENTION_RUN: 'Old messages deleted (retention)',
  SERVER_ROLE_CHANGED: 'Server role changed',
  SUSPENSION_LIFTED: 'Suspension lifted',
  TOKEN_CREATED: 'Access token created',
  TOKEN_REVOKED: 'Access token revoked',
  USER_BLOCKED: 'User blocked',
  USER_SUSPENDED: 'User suspended',
  USER_UNBLOCKED: 'User unblocked',
};

/** The filter form; dates are the `YYYY-MM-DD` of date inputs, in the browser's time zone; empty is no filter. */
export interface AuditFilters {
  action: AuditAction | '';
  actorId: string;
  targetId: string;
  since: string;
  until: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A username as sign-up allows them, optionally written with an @. */
const USERNAME = /^@?[a-z0-9_.]{3,32}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** The start of a local calendar day `days` after `date` (YYYY-MM-DD), as an instant. */
function localDayStart(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days).toISOString();
}

/** The filters a URL carries (`?action=&actor=&target=&since=&until=`), so that links can open a filtered log. */
export function filtersFromQuery(query: LocationQuery): AuditFilters {
  const one = (key: string) => {
    const value = query[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const action = one('action');
  return {
    action: isAction(action) ? action : '',
    actorId: one('actor'),
    targetId: one('target'),
    since: DATE.test(one('since')) ? one('since') : '',
    until: DATE.test(one('until')) ? one('until') : '',
  };
}

/** The URL query for `filters`, without the empty ones. */
export function filtersToQuery(filters: AuditFilters): Record<string, string> {
  const entries = Object.entries({
    action: filters.action,
    actor: filters.actorId.trim(),
    target: filters.targetId.trim(),
    since: filters.since,
    until: filters.until,
  });
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

/** What is wrong with the filters, by field; empty when they can be sent. */
export function filterProblems(filters: AuditFilters): Partial<Record<keyof AuditFilters, string>> {
  const problems: Partial<Record<keyof AuditFilters, string>> = {};
  const actor = filters.actorId.trim();
  if (actor !== '' && !UUID.test(actor) && !USERNAME.test(actor)) {
    problems.actorId = 'A username, or a user ID as the entries show it.';
  }
  if (filters.since !== '' && filters.until !== '' && filters.since > filters.until) {
    problems.until = 'Must not be before “From”.';
  }
  return problems;
}

/** The query's variables: `until` takes in the whole day it names. */
export function auditVariables(filters: AuditFilters, first: number, before: string | null): AuditLogQueryVariables {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const actor = text(filters.actorId);
  const byId = actor !== null && UUID.test(actor);
  return {
    action: filters.action === '' ? null : filters.action,
    actorId: byId ? actor : null,
    actorUsername: byId ? null : actor,
    targetId: text(filters.targetId),
    since: filters.since === '' ? null : localDayStart(filters.since),
    until: filters.until === '' ? null : localDayStart(filters.until, 1),
    first,
    before,
  };
}

/** An entry's details as label and text pairs (never HTML): strings as they are, anything else as JSON. */
export function detailEntries(details: unknown): [string, string][] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}
