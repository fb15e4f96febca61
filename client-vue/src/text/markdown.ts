import DOMPurify from 'dompurify';
import MarkdownIt, { type StateCore, type StateInline, type Token } from 'markdown-it';

/**
 * Parley's Markdown subset (API.md, TextFormat): `*bold*` and `**bold**`, `_italic_`, `~strike~`, `` `code` ``,
 * fenced code blocks, `> quotes`, lists and http(s)/mailto links. Everything else stays text: raw HTML, images,
 * headings, tables, rules, indented code and link references are switched off in the parser, and the output
 * still goes through DOMPurify with a list of the only tags it can produce.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
md.disable(['heading', 'lheading', 'table', 'hr', 'reference', 'code', 'html_block', 'html_inline', 'image']);

const SAFE_LINK = /^(?:https?:|mailto:)/i;
md.validateLink = (url) => SAFE_LINK.test(url.trim());

// Chat apps write *bold* with one star: the emphasis rule's single-star pairs become <strong>; `_` stays <em>.
md.inline.ruler2.after('emphasis', 'single_star_bold', (state: StateInline) => {
  for (const token of state.tokens) {
    if ((token.type === 'em_open' || token.type === 'em_close') && token.markup === '*') {
      token.type = token.type === 'em_open' ? 'strong_open' : 'strong_close';
      token.tag = 'strong';
    }
  }
  return false;
});

// ~strike~ with one tilde: a lone `~` becomes a delimiter like each half of `~~`, and markdown-it's own
// strikethrough pass pairs them up, with the same rules for where a run may open and close.
md.inline.ruler.before('strikethrough', 'single_tilde', (state: StateInline, silent: boolean) => {
  if (silent || state.src.charCodeAt(state.pos) !== 0x7e) return false;
  const scanned = state.scanDelims(state.pos, true);
  if (scanned.length !== 1) return false;
  const token = state.push('text', '', 0);
  token.content = '~';
  state.delimiters.push({
    marker: 0x7e,
    length: 0,
    token: state.tokens.length - 1,
    end: -1,
    open: scanned.can_open,
    close: scanned.can_close,
  });
  state.pos += 1;
  return true;
});

const MENTION = /@([a-z0-9_.]{3,32})/gi;

/** Splits text into plain runs and the `@username`s of `mentions` (the server's list), for highlighting. */
export function splitMentions(text: string, mentions: ReadonlySet<string>): { text: string; mention: string | null }[] {
  const parts: { text: string; mention: string | null }[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!mentions.has(name)) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), mention: null });
    parts.push({ text: match[0], mention: name });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mention: null });
  return parts;
}

// Mentions are marked after parsing, in text outside links and code, so `@name` in a code span stays code.
md.core.ruler.push('mentions', (state: StateCore) => {
  const mentions = (state.env as { mentions?: ReadonlySet<string> }).mentions;
  if (!mentions?.size) return;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let inLink = 0;
    const out: Token[] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') inLink++;
      if (token.type === 'link_close') inLink--;
      if (token.type !== 'text' || inLink > 0) {
        out.push(token);
        continue;
      }
      for (const part of splitMentions(token.content, mentions)) {
        if (!part.mention) {
          const text = new state.Token('text', '', 0);
          text.content = part.text;
          out.push(text);
          continue;
        }
        const open = new state.Token('mention_open', 'span', 1);
        open.attrs = [
          ['class', 'mention'],
          ['data-mention', part.mention],
        ];
        const text = new state.Token('text', '', 0);
        text.content = part.text;
        out.push(open, text, new state.Token('mention_close', 'span', -1));
      }
    }
    block.children = out;
  }
});

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span'];
const ALLOWED_ATTR = ['href', 'class', 'data-mention', 'start', 'target', 'rel'];

let hooked = false;
function sanitize(html: string): string {
  if (!hooked) {
    // Links open outside the app and tell the other site nothing about where they came from.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      // The only classes the renderer sets; anything else would let text borrow the app's styles.
      const cls = node.getAttribute('class');
      if (cls !== null && cls !== 'mention' && !/^language-[\w-]+$/.test(cls)) node.removeAttribute('class');
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: SAFE_LINK });
}

/** The HTML of a Markdown message, safe to put in the page with `v-html`. */
export function renderMarkdown(source: string, mentions: readonly string[] = []): string {
  const env = { mentions: new Set(mentions.map((m) => m.toLowerCase())) };
  return sanitize(md.render(source, env));
}
