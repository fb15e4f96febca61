import { codePointLength, hasForbiddenChars, type FieldErrors } from '../shared/validate';
import type { TextFormat } from './message.model';

/** Longest message text, in code points. */
export const MAX_MESSAGE_LENGTH = 10_000;
/** Most distinct people one message may mention. */
export const MAX_MENTIONS = 50;

const FORMATS: readonly TextFormat[] = ['PLAIN', 'MARKDOWN'];

/**
 * Normalises a message text (CRLF to LF, trimmed) and records what is wrong with it: empty, longer
 * than {@link MAX_MESSAGE_LENGTH}, or holding control characters. Markdown is stored as written:
 * clients render the safe subset, so nothing else is refused.
 */
export function checkText(errors: FieldErrors, raw: string, field = 'text'): string {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  const len = codePointLength(text);
  errors.check(len < 1, field, 'must not be empty');
  errors.check(len > MAX_MESSAGE_LENGTH, field, `must be at most ${MAX_MESSAGE_LENGTH} characters`);
  errors.check(hasForbiddenChars(text), field, 'must not contain control characters other than newline and tab');
  return text;
}

/** The format, PLAIN when not given. */
export function checkFormat(errors: FieldErrors, format: string | null | undefined): TextFormat {
  const f = (format ?? 'PLAIN') as TextFormat;
  errors.check(!FORMATS.includes(f), 'format', 'must be PLAIN or MARKDOWN');
  return f;
}

// An @ that starts a word (not one inside an e-mail address), then a username.
const MENTION = /(?<![\p{L}\p{N}_.@])@([a-z0-9_.]{3,32})(?![a-z0-9_])/giu;

/** Usernames mentioned as `@username`, lowercased, in order of first mention, at most {@link MAX_MENTIONS}. */
export function mentionedUsernames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = m[1]!.toLowerCase().replace(/\.+$/, '');
    if (name.length >= 3 && !names.includes(name)) names.push(name);
    if (names.length >= MAX_MENTIONS) break;
  }
  return names;
}
