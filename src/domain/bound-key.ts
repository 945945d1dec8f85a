// Bounded keys: every string that lands in an indexed or constrained property (Session.id, Span.id,
// Model.id, Tool.name, Skill.name, Agent.id, IngestedEvent id and traceId, ...) goes through here
// before it reaches Neo4j. Neo4j refuses index entries over ~8 kB ("Property value is too large to
// index"), which failed whole requests with a 500 (issue 13).
//
// Truncate + hash, not reject: these strings are references. A conversation id is the session id
// every span of the session points to, a trace id ties every plugin event of a session together;
// rejecting a long one would throw away all of them. Truncating to a readable prefix and appending
// a SHA-256 of the whole value is deterministic (re-ingest stays idempotent, and every reference to
// the same long id lands on the same node) and keeps distinct long ids distinct.

import { sha256Hex } from './hash.ts';

/**
 * UTF-16 code units; at most 3 UTF-8 bytes each (a surrogate pair is 2 units for 4 bytes), so a
 * bounded key is at most ~1.5 kB, far from the index limit even inside a composite key.
 */
export const MAX_KEY_CHARS = 512;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HASH_CHARS = 32;

/** `value` itself when short enough, else `<prefix>…#<sha256 of value, 32 hex>`, MAX_KEY_CHARS long. */
export function boundKey(raw: string): string {
  // A lone surrogate becomes U+FFFD on the wire (Bolt strings are UTF-8): do it here, so the key the
  // graph stores is the one every later lookup (a finaliser's claim and release) sends.
  const value = raw.replace(LONE_SURROGATE, '\uFFFD');
  if (value.length <= MAX_KEY_CHARS) return value;
  let prefix = value.slice(0, MAX_KEY_CHARS - HASH_CHARS - 2);
  // Never end on half a surrogate pair (it would become U+FFFD on the wire).
  if (/[\uD800-\uDBFF]$/.test(prefix)) prefix = prefix.slice(0, -1);
  return `${prefix}…#${sha256Hex(value).slice(0, HASH_CHARS)}`;
}

/** boundKey for optional values. */
export function boundOptionalKey<T extends string | null | undefined>(value: T): T | string {
  return typeof value === 'string' ? boundKey(value) : value;
}
