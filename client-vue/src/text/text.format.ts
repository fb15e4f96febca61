export const MESSAGE_MAX_CODE_POINTS = 10_000;

/** Counts Unicode code points, the unit the server limits messages by (an emoji is one, not two). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

export function formatDay(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const that = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((today.getTime() - that.getTime()) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.toLocaleDateString(undefined, {
    weekday: days < 7 ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Short timestamp for the conversation list: time today, weekday this week, date otherwise. */
export function formatListTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return formatTime(iso);
  if (now.getTime() - date.getTime() < 6 * 86_400_000) return date.toLocaleDateString(undefined, { weekday: 'short' });
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()];
  return (
    letters
      .map((word) => Array.from(word ?? '')[0] ?? '')
      .join('')
      .toUpperCase()
      .slice(0, 2) || '?'
  );
}

/**
 * A one-line preview of a message for the conversation list: Markdown's markers (`*`, `_`, `~`, backticks,
 * quote and list signs) are dropped rather than rendered, as the list shows plain text in one line.
 */
export function previewText(text: string, format: 'PLAIN' | 'MARKDOWN'): string {
  const plain =
    format === 'MARKDOWN'
      ? text
          .replace(/^\s*(?:>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
          .replace(/```\w*/g, '')
          .replace(/[*_~`]+/g, '')
      : text;
  return plain.replace(/\s+/g, ' ').trim();
}
