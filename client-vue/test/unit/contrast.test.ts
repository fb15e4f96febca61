import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Rgb = [number, number, number];

const css = readFileSync(resolve(import.meta.dirname, '../../src/style.css'), 'utf8');

/** The `--name: #rrggbb` custom properties of the first `:root { … }` found in `text`. */
function colours(text: string): Record<string, string> {
  const block = /:root\s*{([^}]*)}/.exec(text)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2]]));
}

const light = colours(css);
const darkBlock = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const themes = { light, dark: { ...light, ...colours(darkBlock) } };

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

/** WCAG 2 contrast ratio. */
function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A translucent colour laid over an opaque one. */
const over = (top: Rgb, alpha: number, below: Rgb): Rgb =>
  top.map((c, i) => c * alpha + below[i]! * (1 - alpha)) as Rgb;
const black: Rgb = [0, 0, 0];

interface Pair {
  what: string;
  fg: string;
  bg: string | ((theme: Record<string, Rgb>) => Rgb);
}

const pageBackgrounds = ['bg', 'surface', 'surface-raised', 'hover', 'accent-soft'];

/** Text: 4.5:1 (WCAG 1.4.3). */
const text: Pair[] = [
  { what: 'own bubble text', fg: 'on-accent', bg: 'accent' },
  { what: 'own bubble time and "deleted"', fg: 'on-accent-muted', bg: 'accent' },
  { what: 'quote in an own bubble', fg: 'on-accent', bg: (t) => over(black, 0.18, t['accent']!) },
  { what: 'other bubble text', fg: 'ink', bg: 'bubble' },
  { what: 'other bubble time', fg: 'muted', bg: 'bubble' },
  { what: 'quote in an other bubble', fg: 'ink', bg: (t) => over(black, 0.06, t['bubble']!) },
  { what: 'mention in an own bubble', fg: 'on-accent', bg: (t) => over(black, 0.12, t['accent']!) },
  { what: 'mention in an other bubble', fg: 'ink', bg: (t) => over(black, 0.12, t['bubble']!) },
  { what: 'code in an own bubble', fg: 'on-accent', bg: (t) => over(black, 0.1, t['accent']!) },
  { what: 'code in an other bubble', fg: 'ink', bg: (t) => over(black, 0.1, t['bubble']!) },
  { what: 'search match', fg: 'ink', bg: 'mark-bg' },
  { what: 'failed bubble text', fg: 'ink', bg: 'danger-soft' },
  { what: 'failed bubble time', fg: 'muted', bg: 'danger-soft' },
  { what: 'error text', fg: 'danger', bg: 'danger-soft' },
  ...['ink', 'muted', 'accent-ink', 'danger'].flatMap((fg) =>
    pageBackgrounds.map((bg) => ({ what: `${fg} text, links`, fg, bg })),
  ),
];

/** The focus ring: 3:1 against whatever it is drawn on or next to (WCAG 1.4.11, 2.4.13). */
const ring: Pair[] = [
  ...[...pageBackgrounds, 'bubble'].map((bg) => ({ what: 'focus ring', fg: 'focus-ring', bg })),
  // Graphics that carry meaning (WCAG 1.4.11): read ticks on own bubbles, the outline of a message jumped to.
  { what: 'read ticks', fg: 'tick-read', bg: 'accent' },
  ...['bg', 'surface'].map((bg) => ({ what: 'highlighted message (drawn clear of the bubble)', fg: 'highlight', bg })),
];

function ratio(pair: Pair, hexes: Record<string, string>): number {
  const theme = Object.fromEntries(Object.entries(hexes).map(([k, v]) => [k, rgb(v)])) as Record<string, Rgb>;
  const fg = theme[pair.fg];
  const bg = typeof pair.bg === 'function' ? pair.bg(theme) : theme[pair.bg];
  if (!fg || !bg) throw new Error(`No colour for ${pair.fg} or ${String(pair.bg)}`);
  return contrast(fg, bg);
}

describe.each(Object.entries(themes))('colours of the %s theme', (_name, hexes) => {
  it.each(text.map((p) => [`${p.what}: ${p.fg} on ${typeof p.bg === 'string' ? p.bg : 'overlay'}`, p]))(
    '%s ≥ 4.5:1',
    (_label, pair) => {
      expect(ratio(pair, hexes)).toBeGreaterThanOrEqual(4.5);
    },
  );
  it.each(ring.map((p) => [`${p.fg} next to ${String(p.bg)}`, p]))('%s ≥ 3:1', (_label, pair) => {
    expect(ratio(pair, hexes)).toBeGreaterThanOrEqual(3);
  });
});

describe('contrast ratio', () => {
  it('matches known values', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast(rgb('#767676'), rgb('#ffffff'))).toBeCloseTo(4.54, 2);
    expect(contrast([255, 255, 255], [255, 255, 255])).toBe(1);
  });

  it('reads both themes from the stylesheet', () => {
    expect(themes.light['accent']).toBe('#4f46e5');
    expect(themes.dark['bg']).not.toBe(themes.light['bg']);
    expect(Object.keys(themes.dark)).toEqual(expect.arrayContaining(['focus-ring', 'on-accent-muted', 'accent-ink']));
  });
});

describe('the focus ring', () => {
  it('is one 3 px outline, clear of the element, for everything focusable', () => {
    expect(css).toMatch(/:focus-visible\s*{\s*outline:\s*3px solid var\(--focus-ring\);\s*outline-offset:\s*2px;/);
  });
});
