// Text helpers shared by the transcript adapters (OpenClaw, Claude Code): bounded previews, joins.

/** Session task previews (first user message / sub-agent task). */
export const TASK_PREVIEW_CHARS = 500;
/** Assistant text / thinking previews on LLM spans. */
export const TEXT_PREVIEW_CHARS = 300;
/** Error messages copied from tool results and failed model calls. */
export const ERROR_MESSAGE_CHARS = 500;

/** Cut `text` to at most `max` characters, marking the cut, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The same text with Windows line ends and surrounding whitespace removed, for equality tests. */
export function normaliseForMatch(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Text content joined with newlines; null when there is none (so callers can fall back). */
export function joinNonEmpty(parts: string[]): string | null {
  const kept = parts.filter((p) => p.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : null;
}
