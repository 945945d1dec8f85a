// Live waste: redundancy findings chained into runs. A poll loop of 40 checks is 39 findings, each
// repeat pointing at the check before it (cypher/redundancy/poll-loops); followed back to the
// first call, they are one run that has lasted from that call to its latest repeat and wasted the
// sum of the repeats' waste. A run crosses a WASTE rule when it has lasted `minMinutes` or wasted
// `thresholdUsd`, at the first repeat where either holds.
import type { FindingKind } from '../domain/redundancy/kinds.ts';
import { spanTimeMs } from './crossings.ts';

export interface FindingRow {
  kind: FindingKind;
  sessionId: string;
  spanId: string;
  repeatsSpanId: string;
  startedAt: string | null;
  endedAt: string | null;
  repeatsStartedAt: string | null;
  wastedUsd: number | null;
}

export interface WasteRun {
  kind: FindingKind;
  sessionId: string;
  /** The first call of the run (not itself waste): the run's identity. */
  originSpanId: string;
  startMs: number;
  /** The repeats, in time order. */
  repeats: Array<{ spanId: string; atMs: number; wastedUsd: number }>;
}

export interface WasteCrossing {
  run: WasteRun;
  /** The repeat at which the run crossed. */
  spanId: string;
  atMs: number;
  repeats: number;
  durationMinutes: number;
  wastedUsd: number;
}

/** Chains findings (repeat → repeated call) into runs, per kind and session. */
export function chainRuns(findings: FindingRow[]): WasteRun[] {
  const repeated = new Map<string, FindingRow>(findings.map((f) => [f.spanId, f]));
  const originOf = (f: FindingRow): FindingRow => {
    let current = f;
    const seen = new Set<string>();
    for (let next = repeated.get(current.repeatsSpanId); next && next.kind === f.kind && !seen.has(next.spanId); next = repeated.get(current.repeatsSpanId)) {
      seen.add(next.spanId);
      current = next;
    }
    return current;
  };
  const runs = new Map<string, WasteRun>();
  for (const finding of findings) {
    const atMs = spanTimeMs(finding.startedAt, finding.endedAt);
    if (atMs === null) continue;
    const origin = originOf(finding);
    const key = `${finding.kind}\u0000${finding.sessionId}\u0000${origin.repeatsSpanId}`;
    let run = runs.get(key);
    if (!run) {
      const startMs = spanTimeMs(origin.repeatsStartedAt, null) ?? atMs;
      run = { kind: finding.kind, sessionId: finding.sessionId, originSpanId: origin.repeatsSpanId, startMs, repeats: [] };
      runs.set(key, run);
    }
    run.repeats.push({ spanId: finding.spanId, atMs, wastedUsd: finding.wastedUsd ?? 0 });
  }
  for (const run of runs.values()) run.repeats.sort((a, b) => a.atMs - b.atMs || a.spanId.localeCompare(b.spanId));
  return [...runs.values()];
}

/** Where a run crosses: lasted `minMinutes` or wasted `thresholdUsd` (either, whichever first). */
export function wasteCrossing(run: WasteRun, minMinutes: number | null, thresholdUsd: number | null): WasteCrossing | null {
  let wasted = 0;
  for (const [i, repeat] of run.repeats.entries()) {
    wasted += repeat.wastedUsd;
    const minutes = (repeat.atMs - run.startMs) / 60_000;
    const lasted = minMinutes !== null && minutes >= minMinutes;
    const costly = thresholdUsd !== null && wasted >= thresholdUsd;
    if (lasted || costly) {
      return { run, spanId: repeat.spanId, atMs: repeat.atMs, repeats: i + 1, durationMinutes: minutes, wastedUsd: wasted };
    }
  }
  return null;
}
