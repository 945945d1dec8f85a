// Stores on each given session its own cost (its spans) and total cost (its spans plus the spans of
// every sub-agent session it spawned, at any depth), plus unpriced LLM call counts. Run after
// ingest for the touched sessions and their ancestors; readers then get totals without recursion.
// It also counts the unresolved spawns anywhere in the session's tree (missingSubagents): the
// total cannot include a child that is not in the graph, so the total is then a lower bound.
// Unresolved = `missing` (accepted, child transcript absent or still a placeholder; spawn-status
// runs just before this) and `pending` (no result recorded: the parent stopped or is still running,
// and a child may well have run and cost money). Counting `pending` can only make us say "at
// least" of a total that turns out exact; leaving it out could show an incomplete total as exact.
// `refused` spawns started no child and do not count. When the child arrives and is linked, the
// finaliser refreshes the parent and its ancestors here, so the count clears all the way up.
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
         count(CASE WHEN sp.kind = 'LLM' AND sp.costUsd IS NULL THEN 1 END) AS totalUnpriced,
         count(CASE WHEN sp.kind = 'SUBAGENT' AND sp.spawnStatus IN ['missing', 'pending'] THEN 1 END) AS missingSubagents
}
SET s.ownCostUsd = ownCost, s.totalCostUsd = totalCost,
    s.unpricedCalls = ownUnpriced, s.totalUnpricedCalls = totalUnpriced, s.spanCount = spanCount,
    s.missingSubagents = missingSubagents
RETURN count(s) AS sessions
