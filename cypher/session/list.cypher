// One page of a project's sessions (Relay keyset pagination). Filters are optional ($x IS NULL
// means "any"); the sort field and direction come from an allowlist and travel as values:
// $orderField ∈ startedAt, totalCostUsd, ownCostUsd, spanCount; $descending is a boolean.
// Keyset: rows strictly after ($afterKey, $afterId) in the chosen order, ties broken by id.
// The filter block is shared with session/count.cypher and export/*: keep them in step.
MATCH (s:Session {projectId: $projectId})
WHERE ($ids IS NULL OR s.id IN $ids)
  AND ($agentId IS NULL OR s.agentId = $agentId)
  AND ($skill IS NULL OR s.skill = $skill)
  AND ($source IS NULL OR s.source = $source)
  AND ($status IS NULL OR s.status = $status)
  AND ($role IS NULL OR coalesce(s.role, 'main') = $role)
  AND ($outcome IS NULL OR s.outcome = $outcome)
  AND ($from IS NULL OR s.startedAt >= $from)
  AND ($to IS NULL OR s.startedAt < $to)
  AND ($minTotalCostUsd IS NULL OR coalesce(s.totalCostUsd, 0.0) >= $minTotalCostUsd)
  AND ($rootOnly IS NULL OR $rootOnly = false OR s.parentSessionId IS NULL)
  AND ($hasErrors IS NULL OR $hasErrors = EXISTS { (s)-[:HAS_SPAN]->(:Span {status: 'error'}) })
  AND ($search IS NULL OR toLower(coalesce(s.task, '')) CONTAINS toLower($search))
  AND ($text IS NULL OR toLower(coalesce(s.task, '') + ' ' + coalesce(s.agentId, '') + ' ' + coalesce(s.agentName, '') + ' ' + coalesce(s.sessionKey, '') + ' ' + coalesce(s.skill, '') + ' ' + s.id) CONTAINS $text)
WITH s,
     CASE $orderField
       WHEN 'totalCostUsd' THEN coalesce(s.totalCostUsd, 0.0)
       WHEN 'ownCostUsd' THEN coalesce(s.ownCostUsd, 0.0)
       WHEN 'spanCount' THEN coalesce(s.spanCount, 0)
       ELSE coalesce(s.startedAt, '')
     END AS sortKey
WHERE $afterId IS NULL
   OR ($descending AND (sortKey < $afterKey OR (sortKey = $afterKey AND s.id < $afterId)))
   OR (NOT $descending AND (sortKey > $afterKey OR (sortKey = $afterKey AND s.id > $afterId)))
RETURN s {.*} AS session, sortKey
ORDER BY CASE WHEN $descending THEN sortKey END DESC,
         CASE WHEN $descending THEN null ELSE sortKey END ASC,
         CASE WHEN $descending THEN s.id END DESC,
         CASE WHEN $descending THEN null ELSE s.id END ASC
LIMIT $limit
