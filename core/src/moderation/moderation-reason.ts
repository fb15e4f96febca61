import { codePointLength, hasForbiddenChars, type FieldErrors } from '../shared/validate';

/** An administrator's reason for an action, trimmed: 1 to 1000 characters, no control characters. */
export function checkReason(errors: FieldErrors, reason: string): string {
  const why = reason.trim();
  errors.check(codePointLength(why) < 1 || codePointLength(why) > 1000, 'reason', 'must be 1 to 1000 characters');
  errors.check(hasForbiddenChars(why), 'reason', 'must not contain control characters');
  return why;
}

/** {@link checkReason} on its own: @throws ValidationError naming `reason`. */
export function requireReason(errors: FieldErrors, reason: string): string {
  const why = checkReason(errors, reason);
  errors.throwIfAny();
  return why;
}
