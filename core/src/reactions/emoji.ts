const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// A pictographic emoji (with any skin tone, variation selector or ZWJ sequence), a flag (two
// regional indicators) or a keycap (# * 0-9, FE0F, 20E3).
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3)/u;

/** Longest emoji accepted, in code points: family and flag sequences fit, strings of joiners do not. */
const MAX_CODE_POINTS = 16;

/** True when `s` is exactly one emoji as people see it: a single grapheme that is an emoji. */
export function isOneEmoji(s: string): boolean {
  if (s.length === 0 || [...s].length > MAX_CODE_POINTS) return false;
  const segments = [...graphemes.segment(s)];
  return segments.length === 1 && EMOJI.test(s);
}
