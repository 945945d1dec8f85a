// One page of spans for each given session (DataLoader batch: every session asked with the same
// filters, page size and cursor), in `seq` order, plus how many spans match in total.
// Each span comes with its call-tree neighbours: parentId, childIds (in seq order) and the
// session it spawned. Keyset: strictly after ($afterSeq, $afterId).
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WHERE ($kinds IS NULL OR sp.kind IN $kinds)
    AND ($status IS NULL OR sp.status = $status)
    AND ($toolName IS NULL OR sp.toolName = $toolName)
    AND ($model IS NULL OR sp.model = $model)
  RETURN count(sp) AS total
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WHERE ($kinds IS NULL OR sp.kind IN $kinds)
    AND ($status IS NULL OR sp.status = $status)
    AND ($toolName IS NULL OR sp.toolName = $toolName)
    AND ($model IS NULL OR sp.model = $model)
    AND ($afterId IS NULL OR coalesce(sp.seq, -1) > $afterSeq OR (coalesce(sp.seq, -1) = $afterSeq AND sp.id > $afterId))
  WITH sp ORDER BY coalesce(sp.seq, -1), sp.id LIMIT $limit
  RETURN collect(sp {
    .*,
    parentId: head(COLLECT { MATCH (p:Span)-[:CALLED]->(sp) WHERE NOT coalesce(p.placeholder, false) RETURN p.id ORDER BY p.id }),
    childIds: COLLECT { MATCH (sp)-[:CALLED]->(c:Span) RETURN c.id ORDER BY coalesce(c.seq, -1), c.id },
    spawnedSessionId: head(COLLECT { MATCH (sp)-[:SPAWNED]->(c:Session) RETURN c.id ORDER BY c.id })
  }) AS spans
}
RETURN sessionId, total, spans
