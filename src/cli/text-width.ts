// Terminal text: how many columns a string takes and how to cut it to fit. Tables and progress
// lines must fit an 80-column terminal even when a task is written in Chinese or carries emoji
// (two columns each), so width is counted per code point, never by `.length`.

/** Code points that take no column: combining marks, zero-width joiners, variation selectors. */
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|[\u200B-\u200F\u2060]|[\uFE00-\uFE0F])$/u;

/** East Asian wide and fullwidth ranges, and emoji: two columns. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f1e6 && cp <= 0x1f1ff) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f680 && cp <= 0x1f6ff) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1fa70 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(ch.codePointAt(0)!) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Whitespace runs (newlines included) become one space; other control characters go. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** The longest start of `text` that fits `width` columns. */
function head(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/** The longest end of `text` that fits `width` columns. */
function tail(text: string, width: number): string {
  const chars = [...text];
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = charWidth(chars[i]!);
    if (used + w > width) break;
    out = chars[i]! + out;
    used += w;
  }
  return out;
}

export type CutFrom = 'end' | 'start' | 'middle';

/**
 * `text` cut to at most `width` columns, an ellipsis marking the cut: at the end (titles), at the
 * start (file paths, whose end names the file) or in the middle (ids: both ends tell them apart).
 */
export function fit(text: string, width: number, from: CutFrom = 'end'): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (width === 1) return '…';
  if (from === 'start') return `…${tail(text, width - 1)}`;
  if (from === 'middle') {
    const left = Math.ceil((width - 1) / 2);
    return `${head(text, left)}…${tail(text, width - 1 - left)}`;
  }
  return `${head(text, width - 1).trimEnd()}…`;
}

/** Pads with spaces to `width` columns (on the left when right-aligned). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}
