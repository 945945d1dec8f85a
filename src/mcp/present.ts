// Shapes tool answers for a model's context window: money rounded for reading (the API keeps full
// precision), long text cut with a marker that says how much was cut, empty fields dropped, and
// everything rendered as compact YAML (fewer tokens than JSON for the same rows).
import YAML from 'yaml';

/** The most any tool answer may hold (≈ 3,000 tokens), whatever the tool. */
export const MAX_TOOL_CHARS = 12_000;

/** USD for reading: 2 decimals from $1, else 3 significant digits (a $0.000123 call stays visible). */
export function usd(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  if (Math.abs(value) >= 1) return Math.round(value * 100) / 100;
  return Number(value.toPrecision(3));
}

/** A share of a whole as a percentage with one decimal, e.g. 58.3. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Cuts text to `max` characters, saying how many were left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more chars]`;
}

/** One line of at most `max` characters (previews of tasks and arguments). */
export function oneLine(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}

/** Drops null, undefined, empty arrays and empty objects, recursively: absent says nothing. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const c = compact(v);
    if (c === null || c === undefined) continue;
    if (Array.isArray(c) && c.length === 0) continue;
    if (typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
    out[key] = c;
  }
  return out;
}

export function toYaml(value: unknown): string {
  return YAML.stringify(compact(value), { lineWidth: 0, aliasDuplicateObjects: false });
}
