// Reading node properties back: a value of the expected type, or null (a property never written,
// or written by an older version with another type).
export const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
