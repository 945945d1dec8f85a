// Bounded previews and content-block text, shared by the record builders.
import type { ContentBlock } from './schema.ts';

/** Session task previews (first user prompt / sub-agent task). */
export const TASK_PREVIEW_CHARS = 500;
/** Assistant text / thinking previews on LLM spans. */
export const TEXT_PREVIEW_CHARS = 300;
/** Error messages copied from tool results and failed API calls. */
export const ERROR_MESSAGE_CHARS = 500;

/** Cut `text` to at most `max` characters, marking the cut, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Same text without Windows line ends or surrounding whitespace, for equality tests. */
export function normaliseForMatch(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Non-empty parts joined with newlines; null when there is nothing (so callers can fall back). */
export function joinNonEmpty(parts: string[]): string | null {
  const kept = parts.filter((p) => p.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : null;
}

/**
 * What a tool_result handed back to the model, as text: a string as is, text blocks joined, other
 * blocks (images, documents) as a `[type]` placeholder so the preview says something was there.
 */
export function toolResultText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? null : JSON.stringify(content);
  const parts = content.map((block: unknown) => {
    if (typeof block === 'string') return block;
    if (block && typeof block === 'object' && 'type' in block) {
      const typed = block as { type: unknown; text?: unknown };
      if (typed.type === 'text' && typeof typed.text === 'string') return typed.text;
      return `[${String(typed.type)}]`;
    }
    return JSON.stringify(block);
  });
  return parts.join('\n');
}

/** The text blocks of a message content (string content counts as one text block). */
export function textBlocks(content: string | ContentBlock[] | null | undefined): string[] {
  if (typeof content === 'string') return [content];
  if (!content) return [];
  return content.flatMap((b) => (b.type === 'text' && typeof b.text === 'string' ? [b.text] : []));
}

/**
 * Code-point order. `localeCompare` depends on the runtime's locale data, and the adapter's output
 * order must be the same on every machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
