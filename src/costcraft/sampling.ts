// Which sessions the Claude analysts look at: a bounded sample (cost and time), spread over tasks
// so that one task tried many times does not fill it. Deterministic: same sessions → same sample.
import type { EvidenceSet, SessionSummary } from './evidence-types.ts';

export function spreadSample(sessions: SessionSummary[], limit: number): SessionSummary[] {
  const byTask = new Map<string, SessionSummary[]>();
  for (const s of [...sessions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const key = s.task ?? s.id;
    byTask.set(key, [...(byTask.get(key) ?? []), s]);
  }
  const out: SessionSummary[] = [];
  for (let round = 0; out.length < limit; round++) {
    const before = out.length;
    for (const list of byTask.values()) if (list[round] && out.length < limit) out.push(list[round]!);
    if (out.length === before) break;
  }
  return out;
}

export interface AnalystSample {
  successes: SessionSummary[];
  failures: SessionSummary[];
}

/** Successes for the success analyst; failures with oracle evidence first for the error analyst. */
export function analystSample(set: EvidenceSet, maxSuccesses: number, maxFailures: number): AnalystSample {
  const withEvidence = new Set(set.repairs.filter((r) => r.mismatches.length || r.errorSteps.length).map((r) => r.sessionId));
  const failures = set.sessions.filter((s) => s.outcome === 'failure');
  const evidenced = spreadSample(failures.filter((s) => withEvidence.has(s.id)), maxFailures);
  const others = spreadSample(failures.filter((s) => !withEvidence.has(s.id)), maxFailures - evidenced.length);
  return {
    successes: spreadSample(set.sessions.filter((s) => s.outcome === 'success'), maxSuccesses),
    failures: [...evidenced, ...others],
  };
}
