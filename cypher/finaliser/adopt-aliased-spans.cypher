// Moves the spans that were filed under their trace's own session (`$traceSessionPrefix` + trace
// id: their request named no conversation) into the session their trace belongs to (a TraceAlias
// written by another request), which is marked dirty to be finalised with them. A span whose
// request named a conversation stays where it was sent: re-sent under another one, it moves there.
// A trace's own session left without spans is deleted with its usage cells: it only existed
// because its spans arrived before the span naming their conversation.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  MATCH (s)-[h:HAS_SPAN]->(sp:Span)
  WHERE sp.traceId IS NOT NULL
  WITH s, h, sp WHERE s.id = $traceSessionPrefix + sp.traceId
  MATCH (a:TraceAlias {projectId: $projectId, traceId: sp.traceId})
  WHERE a.sessionId <> s.id
  MERGE (t:Session {projectId: $projectId, id: a.sessionId})
  ON CREATE SET t.placeholder = true, t.status = 'open', t.source = s.source
  DELETE h
  MERGE (t)-[:HAS_SPAN]->(sp)
  SET sp.sessionId = t.id,
      t.dirtyToken = randomUUID(), t.pending = true, t.pendingSince = coalesce(t.pendingSince, $now), t.dirtyAt = $now,
      t.finaliseAfter = $now, t.spanBounds = true
  RETURN count(sp) AS moved
}
CALL (s, moved) {
  WITH s WHERE moved > 0 AND NOT EXISTS { (s)-[:HAS_SPAN]->(:Span) } AND NOT EXISTS { (:Span)-[:SPAWNED]->(s) }
  OPTIONAL MATCH (s)-[has]->(cell)
  WHERE type(has) = 'HAS_USAGE'
  DETACH DELETE cell
  WITH DISTINCT s
  DETACH DELETE s
}
RETURN sum(moved) AS moved
