// Deterministic YAML for a card: fixed key order, money rounded to 4 decimals (only here, at
// presentation; 3 significant digits under a cent), shares to 3, unknown (null) fields and empty flag lists left out, every list row on
// one line as a flow map. Same card → same bytes. A card the budget compacted with `details`
// (budget.ts) leaves out its secondary figures: top steps' tokens, wasted tokens/ms per kind. A
// list section the budget cut to no rows is left out, and a YAML comment in its place says how
// many rows were cut: `costByModel: []` would read as "no models".
import { Document, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { CardStep, CardSubagent, ListSection, TraceCard } from './types.ts';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** Rounds to `dp` decimals; -0 becomes 0 so a tiny negative float never prints as "-0". */
function round(value: number, dp: number): number {
  const f = 10 ** dp;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}
/**
 * USD: 4 decimals, the cent and below; amounts under a cent keep 3 significant digits instead, so
 * a $0.000162 call does not print as 0 (model calls of small models cost fractions of a cent).
 */
function usd(v: number): number {
  if (Math.abs(v) >= 0.01 || v === 0) return round(v, 4);
  const r = Number(v.toPrecision(3));
  return r === 0 ? 0 : r;
}
const share = (v: number) => round(v, 3);

/** Drops null/undefined values and empty arrays marked optional, keeping key order. */
function compact(entries: Array<[string, Plain | undefined]>): { [key: string]: Plain } {
  const out: { [key: string]: Plain } = {};
  for (const [key, value] of entries) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

/** `details`: a top step's token breakdown is left out (`compacted: [details]` on the card). */
function step(s: CardStep, details: boolean): Plain {
  return compact([
    ['ref', s.ref],
    ['kind', s.kind],
    ['model', s.model],
    ['tool', s.tool],
    ['costUsd', usd(s.costUsd)],
    ['share', share(s.share)],
    // Token kinds a call did not use are left out (most calls write no cache).
    ['tokens', details ? nonZero({ in: s.tokens.input, out: s.tokens.output, cacheRead: s.tokens.cacheRead, cacheWrite: s.tokens.cacheWrite }) : null],
    ['flags', s.flags.length ? s.flags : null],
  ]);
}

function nonZero(counts: Record<string, number>): { [key: string]: Plain } {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

/**
 * A sub-agent row. Its agent is shown only when it differs from the card session's, and its own
 * cost only when it differs from its inclusive cost (it had sub-agents of its own).
 */
function subagent(s: CardSubagent, sessionAgent: string | null): Plain {
  return compact([
    ['ref', s.ref],
    ['label', s.label],
    ['spawn', s.spawn],
    ['depth', s.depth],
    ['status', s.status],
    ['agent', s.agent === sessionAgent ? null : s.agent],
    ['costUsd', usd(s.costUsd)],
    ['ownCostUsd', usd(s.ownCostUsd) === usd(s.costUsd) ? null : usd(s.ownCostUsd)],
    ['llmCalls', s.llmCalls],
    ['errors', s.errors],
    ['useScore', s.useScore],
  ]);
}

/**
 * A scope's totals. The inclusive scope says beside its cost when that cost is a lower bound
 * (sub-agents missing from the graph), with how many and the first spawn calls; nothing when not.
 */
function scope(t: TraceCard['totals']['own'], missing?: TraceCard['totals']['inclusive']['missingSubagents']): Plain {
  const lowerBound: { [key: string]: Plain } = missing?.count ? { lowerBound: true, missingSubagents: missing.count, missingSpawns: missing.spawns } : {};
  return {
    costUsd: usd(t.costUsd),
    ...lowerBound,
    sessions: t.sessions,
    llmCalls: t.llmCalls,
    toolCalls: t.toolCalls,
    subagentCalls: t.subagentCalls,
    errors: t.errors,
    unpricedCalls: t.unpricedCalls,
    // Token kinds with no tokens are left out (absent = 0; most sessions write no cache).
    tokens: nonZero({ ...t.tokens }),
  };
}

/** Sections the budget cut to no rows, with how many rows they had (from the marker). */
export function cutToNothing(card: TraceCard): Map<ListSection, number> {
  return new Map((card.truncated?.rowsShown ?? []).filter((r) => r.shown === 0).map((r) => [r.section, r.of]));
}

/** The card as plain data in presentation order and precision: what the YAML and the schema see. */
export function presentCard(card: TraceCard): { [key: string]: Plain } {
  const h = card.session;
  const gone = cutToNothing(card);
  // A section cut to nothing is left out (undefined is dropped by compact), not shown empty.
  const unlessCut = (section: ListSection, value: Plain): Plain | undefined => (gone.has(section) ? undefined : value);
  // Secondary figures are shown unless the budget compacted them away (budget.ts).
  const details = !card.truncated?.compacted.includes('details');
  return compact([
    ['cardVersion', card.cardVersion],
    [
      'truncated',
      card.truncated
        ? {
            budgetTokens: card.truncated.budgetTokens,
            cardTokens: card.truncated.cardTokens,
            ...(card.truncated.overBudget ? { overBudget: true } : {}),
            rowsShown: Object.fromEntries(card.truncated.rowsShown.map((r) => [r.section, `${r.shown}/${r.of}`])),
            ...(card.truncated.compacted.length ? { compacted: card.truncated.compacted } : {}),
          }
        : null,
    ],
    [
      'session',
      compact([
        ['id', h.id],
        ['ref', h.ref],
        ['source', h.source],
        ['agent', h.agent],
        ['role', h.role],
        ['task', h.task],
        ['skill', h.skill],
        ['outcome', h.outcome],
        ['status', h.status],
        ['pending', h.pending ? true : null],
        ['startedAt', h.startedAt],
        ['endedAt', h.endedAt],
        ['durationS', h.durationS === null ? null : round(h.durationS, 1)],
      ]),
    ],
    ['totals', { own: scope(card.totals.own), inclusive: scope(card.totals.inclusive, card.totals.inclusive.missingSubagents) }],
    ['topSteps', unlessCut('topSteps', card.topSteps.map((s) => step(s, details)))],
    ['subagents', card.subagents.map((s) => subagent(s, h.agent))],
    [
      'failures',
      compact([
        ['sessionRecovered', card.failures.sessionRecovered],
        [
          'items',
          card.failures.items.map((f) =>
            compact([
              ['kind', f.kind],
              ['tool', f.tool],
              ['model', f.model],
              ['error', f.error],
              ['count', f.count],
              ['first', f.first],
              ['retried', f.retried],
              ['recovered', f.recovered],
            ]),
          ),
        ],
      ]),
    ],
    [
      'redundancy',
      {
        findings: card.redundancy.findings,
        wastedUsd: usd(card.redundancy.wastedUsd),
        byKind: card.redundancy.byKind.map((k) => ({
          kind: k.kind,
          count: k.count,
          wastedUsd: usd(k.wastedUsd),
          ...(details ? { wastedTokens: k.wastedTokens, wastedMs: Math.round(k.wastedMs) } : {}),
        })),
        ...(gone.has('redundancy')
          ? {}
          : {
              top: card.redundancy.top.map((f) =>
                compact([
                  ['kind', f.kind],
                  ['tool', f.tool],
                  ['target', f.target],
                  ['original', f.original],
                  ['repeats', f.repeats],
                  ['wastedUsd', usd(f.wastedUsd)],
                ]),
              ),
            }),
      },
    ],
    [
      'costByModel',
      unlessCut(
        'costByModel',
        card.costByModel.map((m) =>
        compact([
          ['model', m.model],
          ['calls', m.calls],
          ['costUsd', usd(m.costUsd)],
          ['share', share(m.share)],
          ['unpricedCalls', m.unpricedCalls > 0 ? m.unpricedCalls : null],
        ]),
        ),
      ),
    ],
    [
      'costByTool',
      unlessCut(
        'costByTool',
        card.costByTool.map((t) => ({ tool: t.tool, calls: t.calls, errors: t.errors, attributedUsd: usd(t.attributedUsd) })),
      ),
    ],
    [
      'provenance',
      {
        priceVersions: card.provenance.priceVersions,
        costSources: { ...card.provenance.costSources },
        unpriced: { ...card.provenance.unpriced },
        heuristic: card.provenance.heuristic,
        ...(card.provenance.notes.length ? { notes: card.provenance.notes } : {}),
      },
    ],
  ]);
}

/** How many collections (maps, sequences) enclose a node: the root map is 0, a section is 1. */
function collectionDepth(path: readonly unknown[]): number {
  return path.filter((p) => isMap(p) || isSeq(p)).length;
}

/**
 * Block style for the top two levels (sections and their fields), flow style below: every list row
 * and small nested map fits on one line. A list of rows stays a block list of one-line rows.
 */
function applyStyles(doc: Document): void {
  visit(doc, {
    Map(_key, node, path) {
      if (collectionDepth(path) >= 2) node.flow = true;
    },
    Seq(_key, node, path) {
      if (collectionDepth(path) >= 1 && node.items.every((item) => isScalar(item as Node))) node.flow = true;
    },
  });
}

/** The card path of each list section, as the YAML shows it. */
const SECTION_KEYS: Record<ListSection, string> = {
  topSteps: 'topSteps',
  subagents: 'subagents',
  failures: 'failures.items',
  redundancy: 'redundancy.top',
  costByModel: 'costByModel',
  costByTool: 'costByTool',
};

/**
 * In place of each section the budget cut to nothing: `# costByModel: 3 rows cut` (the marker at
 * the top says the same as `costByModel: 0/3`). A top-level section's note goes before the key
 * that follows it; redundancy.top's at the end of the redundancy map.
 */
function noteCutSections(doc: Document, card: TraceCard): void {
  const gone = cutToNothing(card);
  if (!gone.size || !isMap(doc.contents)) return;
  // Short: every character counts against the budget that cut the rows.
  const note = (section: ListSection, rows: number) => ` ${SECTION_KEYS[section]}: ${rows} ${rows === 1 ? 'row' : 'rows'} cut`;
  const order: string[] = ['topSteps', 'subagents', 'failures', 'redundancy', 'costByModel', 'costByTool', 'provenance'];
  const pairs = doc.contents.items;
  let pending: string[] = [];
  for (const key of order) {
    const section = (Object.keys(SECTION_KEYS) as ListSection[]).find((s) => SECTION_KEYS[s] === key);
    const pair = pairs.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && pending.length) {
      (pair.key as Node).commentBefore = pending.join('\n');
      pending = [];
    }
    if (section && gone.has(section) && !pair) pending.push(note(section, gone.get(section)!));
    if (key === 'redundancy' && gone.has('redundancy') && pair && isMap(pair.value)) pair.value.comment = note('redundancy', gone.get('redundancy')!);
  }
}

export function renderCard(card: TraceCard): string {
  const doc = new Document(presentCard(card));
  applyStyles(doc);
  noteCutSections(doc, card);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true });
}

const ROW_PATHS: Record<string, ListSection> = {
  topSteps: 'topSteps',
  subagents: 'subagents',
  'failures.items': 'failures',
  'redundancy.top': 'redundancy',
  costByModel: 'costByModel',
  costByTool: 'costByTool',
};

/**
 * The length (newline included) of each list row in a rendered card, per section, in order. Every
 * row is one line (a flow map), so the budget can work out what a cut saves without re-rendering.
 */
export function measureRows(yaml: string): Record<ListSection, number[]> {
  const rows: Record<ListSection, number[]> = { topSteps: [], subagents: [], failures: [], redundancy: [], costByModel: [], costByTool: [] };
  let top = '';
  let second = '';
  for (const line of yaml.split('\n')) {
    const topKey = /^([A-Za-z]+):/.exec(line);
    const secondKey = /^ {2}([A-Za-z]+):/.exec(line);
    if (topKey) [top, second] = [topKey[1]!, ''];
    else if (secondKey) second = secondKey[1]!;
    else if (/^\s+- /.test(line)) {
      const section = ROW_PATHS[top] ?? ROW_PATHS[`${top}.${second}`];
      if (section) rows[section].push(line.length + 1);
    }
  }
  return rows;
}
