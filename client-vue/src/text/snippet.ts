export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search snippet, where the server put every match between « and », into plain and matching runs, so
 * the template renders matches as <mark> without turning the text into HTML. A marker left open (a snippet cut
 * mid-match) marks to the end; the markers themselves are dropped.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let run = '';
  for (const char of snippet) {
    if (char === (match ? '»' : '«')) {
      if (run) parts.push({ text: run, match });
      run = '';
      match = !match;
    } else {
      run += char;
    }
  }
  if (run) parts.push({ text: run, match });
  return parts;
}
