// One page of failed spans (status 'error'), newest first, keyset on (startedAt, id) descending.
// Session filters are those of session/list.cypher (kept in step), prefixed `s`.
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span {status: 'error'})
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
  AND ($search IS NULL OR toLower(coalesce(s.task, '')) CONTAINS toLower($search))
  AND ($text IS NULL OR toLower(coalesce(s.task, '') + ' ' + coalesce(s.agentId, '') + ' ' + coalesce(s.agentName, '') + ' ' + coalesce(s.sessionKey, '') + ' ' + coalesce(s.skill, '') + ' ' + s.id) CONTAINS $text)
  AND ($kinds IS NULL OR sp.kind IN $kinds)
  AND ($toolName IS NULL OR sp.toolName = $toolName)
  AND ($model IS NULL OR sp.model = $model)
  AND ($spanFrom IS NULL OR sp.startedAt >= $spanFrom)
  AND ($spanTo IS NULL OR sp.startedAt < $spanTo)
WITH sp, coalesce(sp.startedAt, '') AS sortKey
WHERE $afterId IS NULL OR sortKey < $afterKey OR (sortKey = $afterKey AND sp.id < $afterId)
WITH sp, sortKey ORDER BY sortKey DESC, sp.id DESC LIMIT $limit
RETURN sp {
  .*,
  parentId: head(COLLECT { MATCH (p:Span)-[:CALLED]->(sp) WHERE NOT coalesce(p.placeholder, false) RETURN p.id ORDER BY p.id }),
  childIds: COLLECT { MATCH (sp)-[:CALLED]->(c:Span) RETURN c.id ORDER BY coalesce(c.seq, -1), c.id },
  spawnedSessionId: head(COLLECT { MATCH (sp)-[:SPAWNED]->(c:Session) RETURN c.id ORDER BY c.id })
} AS span, sortKey
ORDER BY sortKey DESC, span.id DESC
