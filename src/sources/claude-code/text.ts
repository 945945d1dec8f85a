// Bounded previews and content-block text, shared by the record builders.
import type { ContentBlock } from './schema.ts';

export { ERROR_MESSAGE_CHARS, joinNonEmpty, normaliseForMatch, TASK_PREVIEW_CHARS, TEXT_PREVIEW_CHARS, truncate } from '../shared/text.ts';

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
