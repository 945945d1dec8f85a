// Quoting recorded text (a sub-agent's task, a command) inside a one-line rule or label: whitespace
// runs become one space, and a long text is cut at the last word boundary before the limit, with
// an ellipsis, never in the middle of a word. Only a single word longer than the limit (a URL, a
// hash) is cut inside itself, since nothing else would fit.

const TRAILING_PUNCTUATION = /[\s,;:.!?([{—–-]+$/u;

export function clipWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, Math.max(max - 1, 1));
  // A boundary right after the limit means the last word fits whole.
  const space = flat[room.length] === ' ' ? room.length : room.lastIndexOf(' ');
  const kept = space > 0 ? room.slice(0, space) : room;
  return `${kept.replace(TRAILING_PUNCTUATION, '') || kept}…`;
}
