// The TraceCard compiler: pure, from the rows src/graph/tracecard.ts gathers to a card object.
// Same rows (in any order) → same card. Money stays full precision; render.ts rounds it.
import { compileFailures } from './failures.ts';
import { missingSubagents } from './lower-bound.ts';
import { compileRedundancy } from './redundancy.ts';
import { compileSubagents } from './subagents.ts';
import { alpha, byKeys, clip, desc } from './text.ts';
import { buildTree, scopeTotals, subtree, type Tree } from './tree.ts';
import {
  CARD_VERSION,
  type CardHeader,
  type CardInput,
  type CardProvenance,
  type CardStep,
  type CompiledCard,
  type ListSection,
  type ModelCost,
  type SectionCounts,
  type ToolCost,
  type TraceCard,
} from './types.ts';

export interface CompileOptions {
  /** Most rows any list section holds before the token budget is applied. */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 20;
const TASK_CHARS = 100;

/**
 * Which numbers on the card are derived by a rule rather than measured (the schema describes each
 * rule; the card names the fields only, to stay small).
 */
export const HEURISTIC_FIELDS = ['costByTool.attributedUsd', 'subagents.useScore', 'redundancy.wasted*'];

function header(tree: Tree): CardHeader {
  const root = tree.root;
  const startedAt = root.startedAt ?? root.stats.firstSpanAt;
  const endedAt = root.endedAt ?? (root.status === 'open' ? null : root.stats.lastSpanAt);
  // An open session has no end yet: its duration runs to the last span seen.
  const until = endedAt ?? root.stats.lastSpanAt;
  const ms = startedAt && until ? Date.parse(until) - Date.parse(startedAt) : NaN;
  return {
    id: root.id,
    ref: tree.sessionRef(root.id),
    source: root.source,
    agent: root.agentName ?? root.agentId,
    role: root.role,
    task: clip(root.task, TASK_CHARS),
    skill: root.skill,
    outcome: root.outcome,
    status: root.status,
    pending: [...tree.byId.values()].some((s) => s.pending),
    startedAt,
    endedAt,
    durationS: Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null,
  };
}

function topSteps(input: CardInput, tree: Tree): CardStep[] {
  const redundant = new Set(input.repeats.map((r) => r.dupId));
  return [...input.topSteps].sort(byKeys(desc((s) => s.costUsd), alpha((s) => s.spanId))).map((s) => {
    const flags: string[] = [];
    if (s.status === 'error') flags.push('error');
    if (redundant.has(s.spanId)) flags.push('redundant');
    if (s.sessionId !== tree.root.id) flags.push('subagent');
    return {
      ref: tree.stepRef(s.sessionId, s.seq),
      kind: s.kind,
      model: s.model,
      tool: s.toolName,
      tokens: { input: s.inputTokens, output: s.outputTokens, cacheRead: s.cacheReadTokens, cacheWrite: s.cacheWriteTokens },
      costUsd: s.costUsd,
      share: s.share,
      flags,
    };
  });
}

function costByModel(input: CardInput, inclusiveUsd: number): ModelCost[] {
  return [...input.byModel]
    .sort(byKeys(desc((r) => r.costUsd), alpha((r) => r.key)))
    .map((r) => ({
      model: r.key ?? '(none)',
      calls: r.calls,
      costUsd: r.costUsd,
      share: inclusiveUsd > 0 ? r.costUsd / inclusiveUsd : 0,
      unpricedCalls: r.unpricedCalls,
    }));
}

function costByTool(input: CardInput): ToolCost[] {
  return [...input.byTool]
    .sort(byKeys(desc((r) => r.costUsd), desc((r) => r.calls), alpha((r) => r.key)))
    .map((r) => ({ tool: r.key ?? '(none)', calls: r.calls, errors: r.errors, attributedUsd: r.costUsd }));
}

function provenance(tree: Tree): CardProvenance {
  const sessions = subtree(tree, tree.root.id);
  const costSources = { reported: 0, computed: 0, override: 0, unpriced: 0 };
  const versions = new Set<string>();
  let unpricedCalls = 0;
  let unpricedTokens = 0;
  for (const s of sessions) {
    for (const key of Object.keys(costSources) as Array<keyof typeof costSources>) costSources[key] += s.stats.costSources[key];
    s.stats.priceVersions.forEach((v) => versions.add(v));
    unpricedCalls += s.stats.unpricedCalls;
    unpricedTokens += s.stats.unpricedTokens;
  }
  const notes: string[] = [];
  if (unpricedCalls > 0) notes.push(`${unpricedCalls} LLM calls have no known price: left out of costs, not counted as $0`);
  return {
    priceVersions: [...versions].sort(),
    costSources,
    unpriced: { calls: unpricedCalls, tokens: unpricedTokens },
    heuristic: HEURISTIC_FIELDS,
    notes,
  };
}

function capped<T>(rows: T[], max: number): T[] {
  return rows.slice(0, Math.max(0, max));
}

export function compileCard(input: CardInput, options: CompileOptions = {}): CompiledCard {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const tree = buildTree(input);
  const own = scopeTotals([tree.root]);
  const inclusive = { ...scopeTotals(subtree(tree, tree.root.id)), missingSubagents: missingSubagents(input, tree) };
  const full = {
    topSteps: topSteps(input, tree),
    subagents: compileSubagents(input, tree),
    failures: compileFailures(input, tree),
    redundancy: compileRedundancy(input, tree),
    costByModel: costByModel(input, inclusive.costUsd),
    costByTool: costByTool(input),
  };
  const fullCounts: SectionCounts = {
    topSteps: full.topSteps.length,
    subagents: full.subagents.length,
    failures: full.failures.items.length,
    redundancy: full.redundancy.top.length,
    costByModel: full.costByModel.length,
    costByTool: full.costByTool.length,
  };
  const card: TraceCard = {
    cardVersion: CARD_VERSION,
    session: header(tree),
    totals: { own, inclusive },
    topSteps: capped(full.topSteps, maxRows),
    subagents: capped(full.subagents, maxRows),
    failures: { ...full.failures, items: capped(full.failures.items, maxRows) },
    redundancy: { ...full.redundancy, top: capped(full.redundancy.top, maxRows) },
    costByModel: capped(full.costByModel, maxRows),
    costByTool: capped(full.costByTool, maxRows),
    provenance: provenance(tree),
  };
  return { card, fullCounts };
}

/** How many rows a list section of the card shows now. */
export function shownCount(card: TraceCard, section: ListSection): number {
  switch (section) {
    case 'failures':
      return card.failures.items.length;
    case 'redundancy':
      return card.redundancy.top.length;
    default:
      return card[section].length;
  }
}
