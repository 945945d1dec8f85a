// DESIGN §6 over the graph: a non-LLM span with cost data of its own (an agent run's aggregate
// usage, `agg*` set by the writer) counts its own price only while no CALLED descendant carries
// per-call cost; otherwise it is `covered` at $0. Decided here rather than per request, because
// the descendants of a span may arrive in other requests, before or after it.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span)
WHERE sp.aggCostSource IS NOT NULL
WITH sp, EXISTS { (sp)-[:CALLED*1..40]->(d:Span) WHERE d.coversAncestors = true } AS covered
SET sp.costUsd = CASE WHEN covered THEN 0.0 ELSE sp.aggCostUsd END,
    sp.costSource = CASE WHEN covered THEN 'computed' ELSE sp.aggCostSource END,
    sp.priceVersion = CASE WHEN covered THEN null ELSE sp.aggPriceVersion END,
    sp.unpricedReason = CASE WHEN covered THEN null ELSE sp.aggUnpricedReason END,
    sp.pricedAs = CASE WHEN covered THEN null ELSE sp.aggPricedAs END,
    sp.costBasis = CASE WHEN covered THEN 'covered' ELSE 'aggregate' END
RETURN count(sp) AS repriced
