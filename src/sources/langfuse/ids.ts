// Langfuse ids → OTel ids. Observations that came in over OTLP keep their span and trace ids (16 and
// 32 hex characters), so their spans get the same ids as an OTLP export of them. Ids of other
// shapes (UUIDs of Langfuse's own SDKs) are mapped the same way every time: a UUID's 32 hex digits
// for a trace, the first bytes of a SHA-256 of the id otherwise.
import { createHash } from 'node:crypto';

export function langfuseIdToHex(id: string, bytes: 8 | 16): string {
  const hex = id.toLowerCase();
  if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(hex) && !/^0+$/.test(hex)) return hex;
  const digits = hex.replace(/-/g, '');
  if (bytes === 16 && /^[0-9a-f]{32}$/.test(digits) && !/^0+$/.test(digits)) return digits;
  return createHash('sha256').update(id).digest('hex').slice(0, bytes * 2);
}
