// Which spans' costs count (DESIGN §6): usage is counted on inference spans; usage or cost that an
// agent/workflow span reports for its whole run counts only when nothing below it carries cost
// data. With this rule, summing `costUsd` over all spans of a batch never counts a token twice.
import type { CostSource, SpanRecord, Usage } from '../model.ts';
import type { PricedCost, Pricer } from './price-span.ts';

/** A span carries cost data when it has usage of any kind or a cost reported by the source. */
export function carriesCost(span: SpanRecord): boolean {
  return Boolean(span.usage || span.aggregateUsage) || (span.reportedCostUsd !== null && span.reportedCostUsd !== undefined);
}

/**
 * Whether a descendant's data already accounts for model usage of its ancestors' run. A tool's own
 * reported fee (a paid search API) does not: it is not model usage, so it must not hide the
 * aggregate usage of the agent run above it.
 */
export function coversAncestors(span: SpanRecord): boolean {
  return carriesCost(span) && !(span.kind === 'TOOL' && !span.usage && !span.aggregateUsage);
}

/**
 * Whether any descendant (by `parentId`, within `spans`) covers the span's aggregate. Parent
 * cycles in bad input are cut instead of recursing forever.
 */
function descendantsCarryingCost(spans: SpanRecord[]): Set<string> {
  const children = new Map<string, SpanRecord[]>();
  for (const s of spans) {
    if (!s.parentId) continue;
    const list = children.get(s.parentId) ?? [];
    list.push(s);
    children.set(s.parentId, list);
  }
  const memo = new Map<string, boolean>();
  const visit = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false); // in progress: a cycle back here adds nothing
    const result = (children.get(id) ?? []).some((c) => coversAncestors(c) || visit(c.id));
    memo.set(id, result);
    return result;
  };
  return new Set(spans.filter((s) => visit(s.id)).map((s) => s.id));
}

/**
 * Prices every span of a batch. LLM spans are priced from their own usage. Other spans with usage
 * or cost of their own are priced from it (`basis: 'aggregate'`) only when no descendant carries
 * cost data; otherwise they get `costUsd: 0, basis: 'covered'`. Spans with nothing to price get
 * `costUsd: 0, basis: 'none'`. Unpriced (`costUsd: null`) is reserved for spans whose usage could
 * not be priced, so rollups can count it separately.
 *
 * Descendants are looked up among `spans` only: a caller that ingests an agent span before its
 * children arrive must re-price the parent when they do (the graph rollups apply the same rule).
 */
export function priceSpans(spans: SpanRecord[], pricer: Pricer): Map<string, PricedCost> {
  const covered = descendantsCarryingCost(spans);
  const costs = new Map<string, PricedCost>();
  for (const span of spans) {
    if (span.kind === 'LLM' || !carriesCost(span)) costs.set(span.id, pricer.price(span));
    else if (covered.has(span.id)) costs.set(span.id, { costUsd: 0, costSource: 'computed', priceVersion: null, basis: 'covered' });
    else costs.set(span.id, pricer.price(span));
  }
  return costs;
}

type TokenTotals = Omit<Usage, 'reasoning'>;

export interface CostRollup {
  /** Sum of every priced `costUsd` (unpriced spans add nothing here; see `unpriced`). */
  costUsd: number;
  costBySource: Record<CostSource, number>;
  pricedSpans: number;
  /** Spans with `costUsd: null` and the tokens they carry, which the total does not include. */
  unpriced: { spans: number; tokens: TokenTotals };
}

/** The reference rollup: what the graph's cost rollups must agree with. */
export function rollupCosts(spans: SpanRecord[], costs: Map<string, PricedCost>): CostRollup {
  const out: CostRollup = {
    costUsd: 0,
    costBySource: { reported: 0, computed: 0, override: 0, unpriced: 0 },
    pricedSpans: 0,
    unpriced: { spans: 0, tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0 } },
  };
  for (const span of spans) {
    const cost = costs.get(span.id);
    if (!cost) continue;
    if (cost.costUsd !== null) {
      out.costUsd += cost.costUsd;
      out.costBySource[cost.costSource] += cost.costUsd;
      if (cost.basis === 'call' || cost.basis === 'aggregate') out.pricedSpans += 1;
      continue;
    }
    out.unpriced.spans += 1;
    const u = span.usage ?? span.aggregateUsage;
    if (!u) continue;
    const t = out.unpriced.tokens;
    t.input += u.input;
    t.output += u.output;
    t.cacheRead += u.cacheRead ?? 0;
    t.cacheWrite += u.cacheWrite ?? 0;
    t.cacheWrite1h += u.cacheWrite1h ?? 0;
  }
  return out;
}
