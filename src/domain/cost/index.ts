// Cost model (DESIGN §6): per-span prices with override → reported → computed → unpriced
// precedence, the aggregate-vs-per-call rule, and the reference rollup.
export { carriesCost, coversAncestors, priceSpans, rollupCosts, type CostRollup } from './aggregate.ts';
export { modelFamilyKey, modelKey, normaliseProvider, parseModelRef, type ModelRef } from './model-id.ts';
export { PriceOverridesError, parsePriceOverrides, loadPriceOverridesFile, type PriceOverrides } from './overrides.ts';
export { createPricer, type CostBasis, type PricedCost, type Pricer, type PricerOptions } from './price-span.ts';
export { priceDataVersion, toGenaiUsage } from './prices.ts';
export { implausibleCost, MAX_PLAUSIBLE_SPAN_COST_USD } from './plausible.ts';
