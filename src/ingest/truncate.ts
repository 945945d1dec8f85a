// Large payloads stay out of the graph (DESIGN §5): a hash plus a bounded preview.

export const PREVIEW_CHARS = 500;
export const ARGS_CHARS = 2000;
export const ERROR_CHARS = 1000;

export function truncate(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return text.length <= max ? text : `${text.slice(0, max)}…[+${text.length - max} chars]`;
}

/** Text of a tool result or other payload: strings as they are, anything else as JSON. */
export function payloadText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
