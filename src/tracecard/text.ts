// Short, single-line text and short references for the card: every free text on it (task, labels,
// error messages, argument previews) is clipped so one long value cannot eat the token budget.

// Terminal colour codes and other control characters (tool output is full of them).
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Drops control characters, collapses whitespace (newlines included) and clips to `max`
 * characters with an ellipsis. */
export function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  const line = text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** UUIDs and hex trace ids: long enough that their first 8 characters are as good as the whole. */
const LONG_HEX_ID = /^(?=[0-9a-f-]{16,}$)[0-9a-f]{8}/i;

/**
 * A short name for a session: the last `:` segment of its id, a UUID or trace id cut to its first
 * 8 characters (how people quote them), an `agent-` prefix dropped. `refsFor` makes them unique.
 */
export function shortSessionRef(id: string): string {
  const last = id.split(':').pop() ?? id;
  if (LONG_HEX_ID.test(last)) return last.slice(0, 8);
  return last.startsWith('agent-') ? last.slice('agent-'.length) : last;
}

/**
 * Unique short refs for sessions, keyed by session id; the short form comes from the name the
 * source uses (external id) when known. Colliding short forms fall back to the full id.
 */
export function refsFor(sessions: Array<{ id: string; name: string | null }>): Map<string, string> {
  const nameOf = new Map<string, string>();
  for (const s of sessions) if (!nameOf.has(s.id) || s.name) nameOf.set(s.id, s.name ?? s.id);
  const byShort = new Map<string, string[]>();
  for (const id of [...nameOf.keys()].sort()) {
    const short = shortSessionRef(nameOf.get(id)!);
    byShort.set(short, [...(byShort.get(short) ?? []), id]);
  }
  const refs = new Map<string, string>();
  for (const [short, owners] of byShort) for (const id of owners) refs.set(id, owners.length === 1 ? short : id);
  return refs;
}

/** Sorts with a chain of comparators (each returns <0, 0, >0): every list on the card is sorted
 * with a full tie-break so the same rows always give the same order. */
export function byKeys<T>(...keys: Array<(a: T, b: T) => number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const d = key(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}

export const desc = <T>(f: (x: T) => number) => (a: T, b: T) => f(b) - f(a);
export const asc = <T>(f: (x: T) => number) => (a: T, b: T) => f(a) - f(b);
export const alpha = <T>(f: (x: T) => string | null) => (a: T, b: T) => {
  const x = f(a) ?? '';
  const y = f(b) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};
