// The state-change rule of the tool findings (exact_duplicate, failed_retry, reread), in
// TypeScript: the Cypher queries in cypher/redundancy/ apply it in the graph; this copy explains
// findings outside it (tests, "why was this not flagged") and is kept in step with them by the
// tests, which compare both on the real corpus.
//
// A call reads some state; a later identical call only learns nothing new if nothing in between
// may have changed that state. Only write and exec spans change state, and a write that failed
// changed nothing (an edit whose text was not found, a refused booking); a failed exec may have
// done part of its work, so it still counts. Whether one may touch what
// a call reads is decided on resources (canonicaliseArgs): unknown resources (a plain exec) and
// shell-command resources (`cd /r && git status`, which may see any file; the only resources with
// a space) are changed by every write/exec; a path, URL or entity only by a write to itself, to a
// folder above it or to something inside it, relative paths matching the end of absolute ones.

export const STATE_CHANGING_EFFECTS: readonly string[] = ['write', 'exec'];

export interface EffectOf {
  kind: string;
  effect: string | null;
  resource: string | null;
  status?: string | null;
}

/** True when `writer` may have changed what a call on `readerResource` reads. */
export function mayChange(writer: EffectOf, readerResource: string | null): boolean {
  if (writer.kind === 'LLM' || writer.effect === null || !STATE_CHANGING_EFFECTS.includes(writer.effect)) return false;
  if (writer.effect === 'write' && writer.status === 'error') return false;
  const w = writer.resource;
  const r = readerResource;
  if (r === null || w === null || r.includes(' ') || w.includes(' ')) return true;
  return (
    w === r ||
    r.startsWith(`${w}/`) ||
    w.startsWith(`${r}/`) ||
    (!r.startsWith('/') && w.endsWith(`/${r}`)) ||
    (!w.startsWith('/') && r.endsWith(`/${w}`))
  );
}

/**
 * Whether any span strictly between positions `from` and `to` of a time-ordered timeline may
 * have changed what the span at `to` reads. The span at `from` itself does not count: what it
 * changed, an identical repeat changes again.
 */
export function stateChangedBetween(timeline: readonly EffectOf[], from: number, to: number): boolean {
  const reader = timeline[to];
  if (!reader) throw new RangeError(`no span at position ${to}`);
  for (let j = from + 1; j < to; j++) if (mayChange(timeline[j]!, reader.resource)) return true;
  return false;
}
