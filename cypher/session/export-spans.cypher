// One page of the spans of a batch of sessions, for streaming exports: sessions in the order
// given ($sessionIds, e.g. by start time), spans by seq within each. Keyset: strictly after
// (session index $afterIndex, seq $afterSeq, id $afterId); $afterId null = from the batch start.
UNWIND range($afterIndex, size($sessionIds) - 1) AS i
MATCH (sp:Span {projectId: $projectId, sessionId: $sessionIds[i]})
WHERE (sp.placeholder IS NULL OR sp.placeholder = false)
  AND ($kinds IS NULL OR sp.kind IN $kinds)
  AND ($status IS NULL OR sp.status = $status)
  AND ($toolName IS NULL OR sp.toolName = $toolName)
  AND ($model IS NULL OR sp.model = $model)
  AND ($afterId IS NULL OR i > $afterIndex OR coalesce(sp.seq, -1) > $afterSeq
       OR (coalesce(sp.seq, -1) = $afterSeq AND sp.id > $afterId))
WITH i, sp ORDER BY i, coalesce(sp.seq, -1), sp.id
LIMIT $limit
RETURN i, sp {
  .*,
  parentId: head(COLLECT { MATCH (p:Span)-[:CALLED]->(sp) WHERE NOT coalesce(p.placeholder, false) RETURN p.id ORDER BY p.id }),
  childIds: [],
  spawnedSessionId: head(COLLECT { MATCH (sp)-[:SPAWNED]->(c:Session) RETURN c.id ORDER BY c.id })
} AS span
