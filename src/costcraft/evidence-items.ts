// Evidence rows from cypher/costcraft/ → evidence items with stable ids and support counts. Pure.
import type { Row } from '../graph/driver.ts';
import type { EvidenceItem, RepairCase, RepairMismatch } from './evidence-types.ts';
import { clipWords } from './quote.ts';
import { redundancyRemedy } from './remedies.ts';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v ?? 0);
const ids = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
const usd = (n: number | null): string => (n === null ? 'unpriced' : `$${n.toFixed(4)}`);

/** Cost is unknown (null) when nothing targeted was priced, rather than a silent $0. */
const costOrNull = (cost: number, tokens: number, priced: boolean): number | null => (priced || cost > 0 || tokens > 0 ? cost : null);

/** The `max` most frequent strings of a list, most frequent first (ties in first-seen order). */
function mostRepeated(v: unknown, max: number): string[] {
  const counts = new Map<string, number>();
  for (const x of Array.isArray(v) ? v : []) if (typeof x === 'string') counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, max).map(([x]) => x);
}

export function redundancyItems(rows: Row[]): EvidenceItem[] {
  return rows.map((r) => {
    const kind = String(r.kind);
    const signature = String(r.signature);
    const calls = num(r.calls);
    const priced = num(r.unpricedRepeats) < calls;
    const wastedUsd = priced ? num(r.wastedUsd) : null;
    const remedy = redundancyRemedy(kind);
    return {
      id: `redundancy:${kind}:${signature}`,
      kind: 'redundancy',
      target: signature,
      toolName: str(r.toolName),
      counts: [
        { k: num(r.support), n: num(r.n), what: `sessions with a ${kind} of this step` },
        { k: calls, n: calls, what: remedy.what },
      ],
      spanIds: [...ids(r.spanIds), ...ids(r.originalIds)],
      sessionIds: ids(r.sessionIds),
      costUsd: wastedUsd,
      tokens: num(r.wastedTokens) || null,
      heuristic: false,
      summary: `${calls} ${kind} of ${signature} in ${num(r.support)} of ${num(r.n)} sessions (${remedy.what}), wasted ${usd(wastedUsd)}`,
      detail: {
        repeatKind: kind,
        remedy: remedy.remedy,
        calls,
        wastedMs: num(r.wastedMs),
        unpricedRepeats: num(r.unpricedRepeats),
        // What was repeated (files, commands), most repeated first, for the rule's wording.
        resources: mostRepeated(r.resources, 5).join('|') || null,
      },
    };
  });
}

export function unusedOutputItems(rows: Row[]): EvidenceItem[] {
  return rows.map((r) => {
    const signature = String(r.signature);
    const cost = costOrNull(num(r.costUsd), num(r.tokens), false);
    return {
      id: `unused-output:${signature}`,
      kind: 'unused_output',
      target: signature,
      toolName: str(r.toolName),
      counts: [{ k: num(r.support), n: num(r.n), what: 'calls whose output never reappeared downstream' }],
      spanIds: ids(r.spanIds),
      sessionIds: ids(r.spanSessionIds),
      costUsd: cost,
      tokens: num(r.tokens) || null,
      heuristic: true,
      summary: `output of ${signature} unused in ${num(r.support)} of ${num(r.n)} measured calls (overlap heuristic), ${usd(cost)}`,
      detail: { resultChars: num(r.resultChars) },
    };
  });
}

export function crossTrajectoryItems(rows: Row[]): EvidenceItem[] {
  return rows.map((r) => {
    const signature = String(r.signature);
    const cost = costOrNull(num(r.costUsd), num(r.tokens), false);
    const sameTask = { k: num(r.sameTaskSupport), n: num(r.sameTaskN), what: 'successful sessions of the same tasks that succeeded without it' };
    const skill = { k: num(r.support), n: num(r.n), what: 'successful sessions of the skill that succeeded without it' };
    return {
      id: `cross-trajectory:${signature}`,
      kind: 'cross_trajectory',
      target: signature,
      toolName: str(r.toolName),
      counts: [
        sameTask,
        skill,
        { k: num(r.n) - num(r.support), n: num(r.n), what: 'successful sessions that used it' },
        { k: num(r.failuresWith), n: num(r.m), what: 'failed sessions that used it' },
        { k: num(r.usedCalls), n: num(r.measuredCalls), what: 'measured calls whose output was used downstream' },
      ],
      spanIds: ids(r.spanIds),
      sessionIds: [...new Set([...ids(r.sameTaskSessionIds), ...ids(r.withoutSessionIds)])],
      costUsd: cost,
      tokens: num(r.tokens) || null,
      heuristic: false,
      summary:
        `same tasks succeeded without ${signature} in ${sameTask.k} of ${sameTask.n} successful sessions ` +
        `(skill-wide ${skill.k} of ${skill.n}); ${num(r.calls)} calls, ${usd(cost)}`,
      detail: { calls: num(r.calls), usedIn: num(r.usedIn) },
    };
  });
}

export function unusedSubagentItems(rows: Row[]): EvidenceItem[] {
  return rows.map((r) => {
    const spanId = String(r.spanId);
    const cost = num(r.costUsd) + num(r.childCostUsd);
    return {
      id: `unused-subagent:${spanId}`,
      kind: 'unused_subagent',
      target: `sub-agent: ${clipWords(str(r.task) ?? '', 80)}`,
      toolName: null,
      counts: [{ k: 1, n: 1, what: 'sub-agent results the parent did not use' }],
      spanIds: [spanId],
      sessionIds: ids([r.sessionId, r.childSessionId]),
      costUsd: cost,
      tokens: null,
      heuristic: true,
      summary: `sub-agent result unused by its parent (use score ${num(r.useScore)}), $${cost.toFixed(4)} incl. child`,
      detail: { useScore: num(r.useScore), task: str(r.task) },
    };
  });
}

export function preserveItems(rows: Row[]): EvidenceItem[] {
  return rows.map((r) => {
    const kind = String(r.kind);
    const pattern = String(r.pattern);
    return {
      id: `preserve:${kind}:${pattern}`,
      kind: 'preserve',
      target: pattern,
      toolName: null,
      counts: [
        { k: num(r.support), n: num(r.n), what: 'successful sessions with this behaviour' },
        { k: num(r.failureSupport), n: num(r.m), what: 'failed sessions with this behaviour' },
      ],
      spanIds: ids(r.spanIds),
      sessionIds: ids(r.sessionIds),
      costUsd: null,
      tokens: null,
      heuristic: false,
      summary: `${kind} ${pattern} in ${num(r.support)} of ${num(r.n)} successful and ${num(r.failureSupport)} of ${num(r.m)} failed sessions`,
      detail: { patternKind: kind },
    };
  });
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A failure nobody recorded, only inferred (src/domain/insights/infer-outcome.ts): its evidence
 * (no closing message, a stated failure, a failed last model call, tool failures never got past)
 * stands in for an oracle's mismatches, with kinds prefixed `inferred_` so rules say so.
 */
function inferredMismatches(json: unknown): RepairMismatch[] {
  const evidence = parseJson(json);
  return (Array.isArray(evidence) ? evidence : []).filter(isObj).map((e) => ({
    kind: `inferred_${String(e.kind ?? 'failure')}`,
    tool: str(e.toolName),
    fields: [],
    spanId: str(e.spanId),
    expected: null,
    actual: str(e.detail),
  }));
}

/** Mismatches from an Outcome: the full records when CostCraft stored them, else the API's shape. */
function mismatchesOf(r: Row): RepairMismatch[] {
  if (r.outcomeId === null || r.outcomeId === undefined) return inferredMismatches(r.inferredEvidenceJson);
  const evidence = parseJson(r.evidenceJson);
  if (isObj(evidence) && Array.isArray(evidence.mismatches)) {
    return evidence.mismatches.filter(isObj).map((m) => ({
      kind: String(m.kind ?? 'mismatch'),
      tool: str(m.tool),
      fields: ids(m.fields),
      spanId: str(m.spanId),
      expected: str(m.expected),
      actual: str(m.actual),
    }));
  }
  const plain = parseJson(r.mismatchesJson);
  return (Array.isArray(plain) ? plain : []).filter(isObj).map((m) => ({
    kind: 'reported',
    tool: null,
    fields: str(m.path) ? [String(m.path)] : [],
    spanId: null,
    expected: str(m.expected),
    actual: str(m.actual) ?? str(m.message),
  }));
}

export function repairCases(rows: Row[]): RepairCase[] {
  return rows.map((r) => {
    const gold = parseJson(r.goldSnippetsJson);
    const errors = Array.isArray(r.errorSteps) ? (r.errorSteps as unknown[]).filter(isObj) : [];
    return {
      sessionId: String(r.sessionId),
      task: str(r.task),
      score: r.score === null || r.score === undefined ? null : Number(r.score),
      evaluator: str(r.evaluator),
      mismatches: mismatchesOf(r),
      goldSnippets: (Array.isArray(gold) ? gold : []).filter(isObj).map((g) => ({ label: str(g.label), text: String(g.text ?? '') })),
      errorSteps: errors.map((e) => ({ id: String(e.id), tool: str(e.tool), error: str(e.error) })),
    };
  });
}

/** Repair evidence: failed sessions grouped by the same mismatch (kind, tool, fields). */
export function repairItems(cases: RepairCase[]): EvidenceItem[] {
  const groups = new Map<string, { m: RepairMismatch; sessions: Set<string>; spans: Set<string>; examples: RepairMismatch[] }>();
  for (const c of cases) {
    for (const m of c.mismatches) {
      const key = `${m.kind}:${m.tool ?? '-'}:${m.fields.join(',')}`;
      const g = groups.get(key) ?? { m, sessions: new Set<string>(), spans: new Set<string>(), examples: [] };
      g.sessions.add(c.sessionId);
      if (m.spanId) g.spans.add(m.spanId);
      if (g.examples.length < 2) g.examples.push(m);
      groups.set(key, g);
    }
  }
  const failed = cases.length;
  return [...groups.entries()].map(([key, g]) => ({
    id: `repair:${key}`,
    kind: 'repair',
    target: g.m.tool,
    toolName: g.m.tool,
    counts: [{ k: g.sessions.size, n: failed, what: 'failed sessions with this mismatch' }],
    spanIds: [...g.spans].sort(),
    sessionIds: [...g.sessions].sort(),
    costUsd: null,
    tokens: null,
    heuristic: false,
    summary: `${g.m.kind} ${g.m.tool ?? ''}${g.m.fields.length ? ` [${g.m.fields.join(', ')}]` : ''} in ${g.sessions.size} of ${failed} failed sessions${g.m.kind.startsWith('inferred_') ? ' (outcome inferred, none recorded)' : ''}`,
    detail: {
      outcomeSource: g.m.kind.startsWith('inferred_') ? 'inferred' : 'recorded',
      mismatchKind: g.m.kind,
      fields: g.m.fields.join(',') || null,
      expected: g.examples[0]?.expected ?? null,
      actual: g.examples[0]?.actual ?? null,
    },
  }));
}
