import { codePointLength, hasForbiddenChars, type FieldErrors } from '../shared/validate';

/** Normalises and validates a display name: trimmed, 1–64 code points, no control characters. */
export function normalizeDisplayName(raw: string, errors: FieldErrors, field = 'displayName'): string {
  const name = raw.trim();
  const len = codePointLength(name);
  errors.check(len < 1 || len > 64, field, 'must be 1 to 64 characters');
  errors.check(hasForbiddenChars(name) || /[\n\t]/.test(name), field, 'must not contain control characters');
  return name;
}
