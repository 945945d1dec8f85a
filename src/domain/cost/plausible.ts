// The plausibility bound on one span's cost (issue 13: a reported `1e300` reached the daily rollup
// as $2e+300). No single span can honestly cost more than this: the dearest list price in the
// bundled data (about $600 per million output tokens) over a 2-million-token call is ~$1,200, and an
// agent span reporting its whole run is still far below it. A cost above it, or one that is not a
// finite number, is a sender's bug or an attack: the span is stored unpriced with the reason, so
// rollups (which sum priced costs only) never show it and the unpriced count says something is off.

/** USD. Documented in README (Costs) and DESIGN §6. */
export const MAX_PLAUSIBLE_SPAN_COST_USD = 10_000;

/** Why `costUsd` is not a plausible cost of one span, or null when it is. */
export function implausibleCost(costUsd: number): string | null {
  if (!Number.isFinite(costUsd)) return `cost ${String(costUsd)} is not a finite number`;
  if (costUsd < 0) return `cost ${costUsd} USD is negative`;
  if (costUsd > MAX_PLAUSIBLE_SPAN_COST_USD) return `cost ${costUsd} USD is beyond the plausibility bound of ${MAX_PLAUSIBLE_SPAN_COST_USD} USD per span`;
  return null;
}
