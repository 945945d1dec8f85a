// Which version each session ran with, and the per-version summary. A session's SKILL.md content
// hash is matched to the versions CostCraft stored (their text hashed the same way, so versions
// stored before hashes existed match too); a hash no stored version has is an external version
// (`sha:<hash>`: a hand-written or edited SKILL.md); a producer's label (OTLP
// clawtrace.skill.version) matches a stored version's id or `v<number>`; nothing detected is
// `unknown`. Pure.
import { skillContentHash } from '../../domain/insights/skill-version.ts';
import { mean, median, quantile } from '../../domain/stats/quantiles.ts';
import type { ImpactSessionRow, OutcomeBasis, StoredVersionRef, VersionKind, VersionSummary } from './types.ts';

export interface VersionRef {
  key: string;
  label: string;
  kind: VersionKind;
  versionId: string | null;
  number: number | null;
  contentHash: string | null;
}

export class ImpactInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

/** A stored version's content hash from its text (the hash is not stored with older versions). */
export function storedRef(v: { id: string; number: number; text: string; createdAt: string; previousId: string | null; runId: string }): StoredVersionRef {
  return { id: v.id, number: v.number, contentHash: skillContentHash(v.text), createdAt: v.createdAt, previousId: v.previousId, runId: v.runId };
}

export function versionOf(row: Pick<ImpactSessionRow, 'versionHash' | 'versionLabel'>, stored: StoredVersionRef[]): VersionRef {
  const fromStored = (v: StoredVersionRef): VersionRef => ({ key: v.id, label: `v${v.number}`, kind: 'stored', versionId: v.id, number: v.number, contentHash: v.contentHash });
  if (row.versionHash) {
    const match = stored.find((v) => v.contentHash === row.versionHash);
    if (match) return fromStored(match);
  }
  if (row.versionLabel) {
    const match = stored.find((v) => v.id === row.versionLabel || `v${v.number}` === row.versionLabel);
    if (match) return fromStored(match);
  }
  if (row.versionHash) {
    const short = row.versionHash.slice(0, 12);
    return { key: `sha:${row.versionHash}`, label: `external sha:${short}`, kind: 'external', versionId: null, number: null, contentHash: row.versionHash };
  }
  if (row.versionLabel) return { key: `label:${row.versionLabel}`, label: `label ${row.versionLabel}`, kind: 'label', versionId: null, number: null, contentHash: null };
  return { key: 'unknown', label: 'version not detected', kind: 'unknown', versionId: null, number: null, contentHash: null };
}

export type JudgedRow = ImpactSessionRow & { success: boolean | null; inferred: boolean };

/** The outcome used: the recorded one, else the inferred one (and which). */
export function judged(row: ImpactSessionRow): JudgedRow {
  const recorded = row.outcome === 'success' || row.outcome === 'failure' ? row.outcome : null;
  const inferred = row.inferredOutcome === 'success' || row.inferredOutcome === 'failure' ? row.inferredOutcome : null;
  const result = recorded ?? inferred;
  return { ...row, success: result === null ? null : result === 'success', inferred: recorded === null && inferred !== null };
}

export function outcomeBasis(rows: JudgedRow[]): OutcomeBasis {
  const judgedRows = rows.filter((r) => r.success !== null);
  if (judgedRows.length === 0) return 'none';
  const inferred = judgedRows.filter((r) => r.inferred).length;
  return inferred === 0 ? 'recorded' : inferred === judgedRows.length ? 'inferred' : 'mixed';
}

export function summarise(ref: VersionRef, rows: JudgedRow[]): VersionSummary {
  const costs = rows.map((r) => r.costUsd);
  const starts = rows.map((r) => r.startedAt).filter((s): s is string => s !== null).sort();
  const successes = rows.filter((r) => r.success === true).length;
  const failures = rows.filter((r) => r.success === false).length;
  const waste = new Map<string, { usd: number; calls: number }>();
  for (const r of rows) {
    for (const w of r.waste) {
      const acc = waste.get(w.kind) ?? { usd: 0, calls: 0 };
      acc.usd += w.usd;
      acc.calls += w.calls;
      waste.set(w.kind, acc);
    }
  }
  return {
    ...ref,
    sessions: rows.length,
    firstSeen: starts[0] ?? null,
    lastSeen: starts[starts.length - 1] ?? null,
    costMedianUsd: median(costs),
    costP90Usd: quantile(costs, 0.9),
    costMeanUsd: mean(costs),
    tokensMedian: median(rows.map((r) => r.tokens)),
    stepsMedian: median(rows.map((r) => r.steps)),
    llmCallsMedian: median(rows.map((r) => r.llmCalls)),
    successes,
    failures,
    unjudged: rows.length - successes - failures,
    successRate: successes + failures ? successes / (successes + failures) : null,
    outcomeBasis: outcomeBasis(rows),
    inferredOutcomes: rows.filter((r) => r.success !== null && r.inferred).length,
    unpricedCalls: rows.reduce((a, r) => a + r.unpricedCalls, 0),
    waste: [...waste.entries()]
      .map(([kind, w]) => ({ kind, usd: w.usd, calls: w.calls, usdPerSession: rows.length ? w.usd / rows.length : 0 }))
      .sort((a, b) => b.usd - a.usd || a.kind.localeCompare(b.kind)),
  };
}

/** Finds a version the caller named: its key, a stored version's id or `v<n>`, a hash prefix (≥ 6), or a label. */
export function findVersion(name: string, versions: VersionSummary[]): VersionSummary {
  const n = name.trim();
  const hash = n.toLowerCase().replace(/^(?:external\s+)?sha:/, '');
  const found =
    versions.find((v) => v.key === n || v.versionId === n || (v.number !== null && `v${v.number}` === n) || v.label === n) ??
    (hash.length >= 6 ? versions.find((v) => v.contentHash?.startsWith(hash)) : undefined) ??
    versions.find((v) => v.kind === 'label' && v.key === `label:${n}`);
  if (!found) throw new ImpactInputError(`No sessions ran version "${name}" of this skill (versions seen: ${versions.map((v) => v.label).join(', ') || 'none'})`);
  return found;
}

/**
 * Default pair: the newest stored version that sessions ran (else the version first seen last) as
 * the candidate; its predecessor when sessions ran it, else the most used version seen before it.
 */
export function defaultPair(versions: VersionSummary[], stored: StoredVersionRef[]): { baseline: VersionSummary | null; candidate: VersionSummary | null } {
  const known = versions.filter((v) => v.kind !== 'unknown');
  const byStart = (a: VersionSummary, b: VersionSummary) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || a.sessions - b.sessions;
  const storedUsed = known.filter((v) => v.kind === 'stored').sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
  const candidate = storedUsed[0] ?? [...known].sort(byStart).pop() ?? null;
  if (!candidate) return { baseline: null, candidate: null };
  const previousId = stored.find((s) => s.id === candidate.versionId)?.previousId ?? null;
  const others = versions.filter((v) => v.key !== candidate.key);
  const previous = others.find((v) => previousId !== null && v.versionId === previousId);
  const earlier = others
    .filter((v) => v.kind !== 'unknown' && (v.firstSeen ?? '') <= (candidate.firstSeen ?? ''))
    .sort((a, b) => b.sessions - a.sessions)[0];
  const anyKnown = others.filter((v) => v.kind !== 'unknown').sort((a, b) => b.sessions - a.sessions)[0];
  return { baseline: previous ?? earlier ?? anyKnown ?? others[0] ?? null, candidate };
}
