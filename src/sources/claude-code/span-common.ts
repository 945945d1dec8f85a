// What the span builders share: the draft shape (seq is assigned once a session's spans are ordered)
// and attribute maps without empty values.
import type { SpanRecord } from '../../domain/model.ts';

export const PROVIDER = 'anthropic';

export type Attributes = Record<string, string | number | boolean>;
export type SpanDraft = Omit<SpanRecord, 'seq'>;

/** Attributes with null / undefined values left out; undefined when nothing is left. */
export function compact(attributes: Record<string, string | number | boolean | null | undefined>): Attributes | undefined {
  const kept = Object.entries(attributes).filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
