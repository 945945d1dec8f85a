// The cost of one span on its own, by the precedence of DESIGN §6:
//   user override (YAML, when it names the span's model)  → costSource 'override'
//   cost reported by the source (OpenClaw usage.cost.total) → 'reported'
//   tokens × bundled genai-prices data                      → 'computed'
//   unknown model / nothing to price                        → costUsd null, 'unpriced'
// Never a silent $0 and never a flat fallback rate (the paper's $3/$10 per million, FORMATS §5).
// Which spans count towards totals (aggregate vs per-call usage) is decided in aggregate.ts.
import type { CostSource, SpanRecord, Usage } from '../model.ts';
import { parseModelRef } from './model-id.ts';
import { loadPriceOverridesFile, parsePriceOverrides, type PriceOverrides } from './overrides.ts';
import { implausibleCost } from './plausible.ts';
import { priceDataVersion, priceFromBundledData } from './prices.ts';

/**
 * What a span's `costUsd` stands for, so a rollup can sum `costUsd` over every span and never
 * count a token twice:
 * - `call`: one model API call's own cost (LLM spans).
 * - `aggregate`: cost a non-LLM span reported for itself or for its whole run (an `invoke_agent`
 *   span's usage, a paid tool's reported cost), counted because no descendant carries cost data.
 * - `covered`: the span has aggregate data, but descendants carry the per-call cost; `costUsd` is
 *   0 here so the run is not counted twice (the aggregate stays on the span for reconciliation).
 * - `none`: the span has no model usage and no cost of its own (tools, plain agent spans): $0.
 */
export type CostBasis = 'call' | 'aggregate' | 'covered' | 'none';

export interface PricedCost {
  /** USD; null only when unpriced. 0 for `none`/`covered` spans and for zero-token calls. */
  costUsd: number | null;
  costSource: CostSource;
  /** genai-prices data version, `overrides@<hash>` for overrides; null when no price data was used. */
  priceVersion: string | null;
  /** Why the span is unpriced (unknown model, no usage), for the user and the TraceCard. */
  unpricedReason?: string;
  basis: CostBasis;
  /** The price entry used: `anthropic/claude-opus-4-6`, `override:zai/glm-5`. */
  pricedAs?: string;
}

export interface PricerOptions {
  /** Path of a YAML price overrides file (see examples/prices.yaml). */
  overridesFile?: string;
  /** The same content given inline (tests, API); used when `overridesFile` is not set. */
  overridesYaml?: string;
}

export interface Pricer {
  /** Version of the bundled price data, e.g. `genai-prices@0.1.8`. */
  readonly priceVersion: string;
  /** `overrides@<hash>` when an overrides file is loaded, else null. */
  readonly overridesVersion: string | null;
  /**
   * Prices a span in isolation: its own `usage` (or, lacking that, its `aggregateUsage`) and its
   * reported cost. It does not know the span's descendants; `priceSpans` applies that rule.
   */
  price(span: SpanRecord): PricedCost;
}

type UsageInput = NonNullable<SpanRecord['usage']>;

/** Fills the defaults of the additive usage schema (a z.input may omit the cache fields). */
function fullUsage(u: UsageInput): Usage {
  return {
    input: u.input,
    output: u.output,
    cacheRead: u.cacheRead ?? 0,
    cacheWrite: u.cacheWrite ?? 0,
    cacheWrite1h: u.cacheWrite1h ?? 0,
    reasoning: u.reasoning ?? 0,
  };
}

function totalTokens(u: Usage): number {
  return u.input + u.output + u.cacheRead + u.cacheWrite + u.cacheWrite1h;
}

/** An ISO timestamp as a Date for time-dependent prices; undefined means "now" in genai-prices. */
function priceDate(startedAt: string | null | undefined): Date | undefined {
  if (!startedAt) return undefined;
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

export function createPricer(options: PricerOptions = {}): Pricer {
  const overrides: PriceOverrides | null = options.overridesFile
    ? loadPriceOverridesFile(options.overridesFile)
    : options.overridesYaml !== undefined
      ? parsePriceOverrides(options.overridesYaml)
      : null;
  const priceVersion = priceDataVersion();

  /**
   * Total: pricing never throws (a throw would fail the whole request, and on /v1/events every
   * later request of the trace, issue 13), and never returns an implausible cost.
   */
  function price(span: SpanRecord): PricedCost {
    let priced: PricedCost;
    try {
      priced = priceUnchecked(span);
    } catch (error) {
      return unpriced(`price calculation failed: ${error instanceof Error ? error.message : String(error)}`, null, span.kind === 'LLM' ? 'call' : 'aggregate');
    }
    if (priced.costUsd === null) return priced;
    const problem = implausibleCost(priced.costUsd);
    if (problem) return unpriced(`${priced.costSource} ${problem}`, priced.priceVersion, priced.basis);
    // -0 is 0: a sender's negative zero must not print as "-0" in a rollup.
    return priced.costUsd === 0 ? { ...priced, costUsd: 0 } : priced;
  }

  function priceUnchecked(span: SpanRecord): PricedCost {
    const rawUsage = span.usage ?? span.aggregateUsage ?? null;
    const usage = rawUsage ? fullUsage(rawUsage) : null;
    const basis: CostBasis = span.kind === 'LLM' ? 'call' : 'aggregate';
    const reported = span.reportedCostUsd ?? null;
    const ref = span.model ? parseModelRef(span.model, span.provider) : null;
    const at = priceDate(span.startedAt);

    if (usage && ref && overrides) {
      const o = overrides.price(ref, usage, at);
      if (o?.ok) return { costUsd: o.costUsd, costSource: 'override', priceVersion: overrides.version, basis, pricedAs: o.pricedAs };
      if (o) return unpriced(`override ${o.pricedAs ?? ''} failed: ${o.reason}`, overrides.version, basis);
    }
    if (reported !== null) return { costUsd: reported, costSource: 'reported', priceVersion: null, basis };
    if (!usage) {
      if (span.kind !== 'LLM') return { costUsd: 0, costSource: 'computed', priceVersion: null, basis: 'none' };
      return unpriced('no token usage or reported cost on this call', null, basis);
    }
    // No tokens cost nothing at any price: Claude Code `<synthetic>` lines, OpenClaw
    // delivery-mirror messages. Exact, so not a silent fallback.
    if (totalTokens(usage) === 0) return { costUsd: 0, costSource: 'computed', priceVersion: null, basis };
    if (!ref) return unpriced('usage without a model id', priceVersion, basis);

    const computed = priceFromBundledData(ref, usage, at);
    if (computed.ok) return { costUsd: computed.costUsd, costSource: 'computed', priceVersion, basis, pricedAs: computed.pricedAs };
    return unpriced(computed.reason, priceVersion, basis);
  }

  return { priceVersion, overridesVersion: overrides?.version ?? null, price };
}

function unpriced(reason: string, priceVersion: string | null, basis: CostBasis): PricedCost {
  return { costUsd: null, costSource: 'unpriced', priceVersion, unpricedReason: reason, basis };
}
