// Content hashes for canonical arguments, results and request bodies. SHA-256 because the hashes
// are compared across sessions, sources and machines: they must never collide by accident and
// must be the same everywhere (no seeded or platform-dependent hash).
import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Default length of a short hash: 12 hex characters = 48 bits, unique enough for display and ids. */
export const SHORT_HASH_LENGTH = 12;

/** The first `length` hex characters of `sha256Hex(text)`, for labels and provenance strings. */
export function shortHash(text: string, length: number = SHORT_HASH_LENGTH): string {
  if (!Number.isInteger(length) || length < 1 || length > 64) {
    throw new RangeError(`shortHash length must be an integer from 1 to 64, got ${length}`);
  }
  return sha256Hex(text).slice(0, length);
}
