// Own and inclusive cost of each span of a session. Inclusive = the span, its CALLED descendants,
// and every span of the sub-agent sessions they SPAWNED, at any depth (each span counted once).
MATCH (:Session {projectId: $projectId, id: $sessionId})-[:HAS_SPAN]->(sp:Span)
CALL (sp) {
  OPTIONAL MATCH (sp)-[:CALLED|SPAWNED|HAS_SPAN*1..60]->(d:Span)
  WITH DISTINCT d
  RETURN sum(coalesce(d.costUsd, 0.0)) AS descendantsCost,
         count(CASE WHEN d.kind = 'LLM' AND d.costUsd IS NULL THEN 1 END) AS unpricedDescendants
}
RETURN sp.id AS spanId, sp.costUsd AS ownCostUsd,
       coalesce(sp.costUsd, 0.0) + descendantsCost AS inclusiveCostUsd,
       unpricedDescendants
ORDER BY sp.seq
