// Own and inclusive cost of the given spans only (a page of a session tree), so a page of 1,000
// spans does not pay for the other 9,000 of a large session. Inclusive = the span, its CALLED
// descendants and every span of the sub-agent sessions they SPAWNED, each counted once.
UNWIND $spanIds AS spanId
MATCH (sp:Span {projectId: $projectId, id: spanId})
CALL (sp) {
  OPTIONAL MATCH (sp)-[:CALLED|SPAWNED|HAS_SPAN*1..60]->(d:Span)
  WITH DISTINCT d
  RETURN sum(coalesce(d.costUsd, 0.0)) AS descendantsCost,
         count(CASE WHEN d.kind = 'LLM' AND d.costUsd IS NULL THEN 1 END) AS unpricedDescendants
}
RETURN sp.id AS spanId, sp.costUsd AS ownCostUsd,
       coalesce(sp.costUsd, 0.0) + descendantsCost AS inclusiveCostUsd,
       unpricedDescendants
