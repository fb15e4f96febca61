/** A check on message text before it is stored, e.g. a word list or an external moderation service. */
export interface ContentFilter {
  /** Returns why `text` is refused, or null to accept it. */
  check(text: string): Promise<string | null>;
}
