// Stores on each given session its own cost (its spans) and total cost (its spans plus the spans of
// every sub-agent session it spawned, at any depth), plus unpriced LLM call counts. Run after
// ingest for the touched sessions and their ancestors; readers then get totals without recursion.
// The first SET takes the session's write lock before anything is read: two finalisers refreshing
// one ancestor (each after finalising one of its children) then run one after the other, and the
// second reads what the first committed — a stale total can never be written last.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
SET s.costsRefreshedAt = $now
WITH s
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  RETURN sum(coalesce(sp.costUsd, 0.0)) AS ownCost,
         count(CASE WHEN sp.kind = 'LLM' AND sp.costUsd IS NULL THEN 1 END) AS ownUnpriced,
         count(sp) AS spanCount
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN|SPAWNED*1..40]->(sp:Span)
  WITH DISTINCT sp
  RETURN sum(coalesce(sp.costUsd, 0.0)) AS totalCost,
         count(CASE WHEN sp.kind = 'LLM' AND sp.costUsd IS NULL THEN 1 END) AS totalUnpriced
}
SET s.ownCostUsd = ownCost, s.totalCostUsd = totalCost,
    s.unpricedCalls = ownUnpriced, s.totalUnpricedCalls = totalUnpriced, s.spanCount = spanCount
RETURN count(s) AS sessions
