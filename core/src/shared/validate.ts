import { ValidationError } from './errors';

/** Collects per-field problems and throws them together, so a form can show every error at once. */
export class FieldErrors {
  private readonly fields: Record<string, string> = {};

  /** Records `reason` for `field` when `failed` is true (the first reason per field wins). */
  check(failed: boolean, field: string, reason: string): this {
    if (failed && !(field in this.fields)) this.fields[field] = reason;
    return this;
  }

  /** @throws ValidationError when any check failed. */
  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw new ValidationError({ ...this.fields });
  }
}

/** Length in Unicode code points, so an emoji counts as one character as a user would count it. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// C0/C1 controls and DEL except tab and newline; with the u flag a surrogate in the class only
// matches when unpaired, which is not text either.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]/u;

/** True when `s` holds a control character other than tab and newline, or invalid UTF-16. */
export function hasForbiddenChars(s: string): boolean {
  return FORBIDDEN_CHARS.test(s);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `s` is a UUID, the form of every Parley ID. */
export function isId(s: string): boolean {
  return UUID.test(s);
}
