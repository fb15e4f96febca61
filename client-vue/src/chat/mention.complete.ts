export interface MentionCandidate {
  id: string;
  username: string;
  displayName: string;
}

/** The `@word` being typed right before the caret: where its `@` is and what follows it so far. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  // An @ at the start or after a space, then username characters up to the caret (an e-mail address is no mention).
  const match = /(^|\s)@([a-z0-9_.]{0,32})$/i.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/**
 * Members whose username or a word of whose display name starts with `query`, usernames first, without the
 * viewer (who cannot mention themself usefully), at most `limit`.
 */
export function matchMembers(
  members: readonly MentionCandidate[],
  query: string,
  meId: string | null,
  limit = 6,
): MentionCandidate[] {
  const q = query.toLowerCase();
  const rank = (m: MentionCandidate): number => {
    if (m.username.startsWith(q)) return 0;
    if (
      m.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(q))
    )
      return 1;
    return 2;
  };
  return members
    .filter((m) => m.id !== meId && rank(m) < 2)
    .sort((a, b) => rank(a) - rank(b) || a.username.localeCompare(b.username))
    .slice(0, limit);
}

/** The text with the `@query` at `start` replaced by `@username ` and where the caret goes after it. */
export function applyMention(
  text: string,
  start: number,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^\s/, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
