import { codePointLength } from '../text/text.format';

/** The server takes an administrator's reason of 1 to 1000 characters (code points), trimmed. */
export const REASON_MAX = 1000;

/** Why a reason cannot be sent yet, or null when it can. */
export function reasonProblem(reason: string): string | null {
  const length = codePointLength(reason.trim());
  if (length === 0) return 'Give a reason: it goes to the audit log.';
  if (length > REASON_MAX) return `At most ${REASON_MAX} characters (${length} now).`;
  return null;
}

/** A moment in the console: date and time, in the browser's language and time zone. */
export function formatMoment(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A person as the console names them: display name and @username. */
export function personLabel(user: { displayName: string; username: string } | null | undefined): string {
  return user ? `${user.displayName} (@${user.username})` : 'Deleted user';
}
