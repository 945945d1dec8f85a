// Deletes a session with its spans (and so every edge touching them: CALLED, NEXT, USED_MODEL,
// INVOKED, SPAWNED, REPEATS, CITES), its usage cells, its outcomes, the raw plugin events it was
// assembled from, and call-tree placeholders left without a child. With $includeChildSessions, every session it spawned (at any depth) goes the same way;
// otherwise spawned sessions stay and become top-level (their parent pointers are cleared).
// Agent / Model / Tool / Skill nodes are shared and stay.
MATCH (root:Session {projectId: $projectId, id: $sessionId})
CALL (root) {
  OPTIONAL MATCH (root)-[:HAS_SPAN|SPAWNED*2..40]->(d:Session)
  WHERE $includeChildSessions AND d.projectId = $projectId
  RETURN collect(DISTINCT d) AS descendants
}
WITH [root] + descendants AS doomed
CALL (doomed) {
  UNWIND doomed AS s
  MATCH (s)-[:HAS_SPAN]->(:Span)-[:SPAWNED]->(kept:Session)
  WHERE NOT kept IN doomed
  REMOVE kept.parentSessionId, kept.parentSpanId
  RETURN count(kept) AS orphaned
}
CALL (doomed) {
  UNWIND doomed AS s
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(:Span)<-[:CALLED]-(ph:Span {placeholder: true})
  WITH DISTINCT ph
  DETACH DELETE ph
  RETURN count(ph) AS placeholders
}
// A session assembled from plugin events (`events:<traceId>`, src/sources/events/assemble.ts)
// also loses the raw events it was built from: otherwise the next event of that trace would
// re-assemble it, and deleted means deleted.
CALL (doomed) {
  UNWIND doomed AS s
  WITH s WHERE s.id STARTS WITH 'events:'
  OPTIONAL MATCH (e:IngestedEvent {projectId: $projectId, traceId: substring(s.id, 7)})
  DETACH DELETE e
  RETURN count(e) AS events
}
CALL (doomed) {
  UNWIND doomed AS s
  OPTIONAL MATCH (o:Outcome)-[:OF]->(s)
  DETACH DELETE o
  RETURN count(o) AS outcomes
}
CALL (doomed) {
  UNWIND doomed AS s
  OPTIONAL MATCH (s)-[has]->(cell)
  WHERE type(has) = 'HAS_USAGE'
  DETACH DELETE cell
  RETURN count(cell) AS cells
}
CALL (doomed) {
  UNWIND doomed AS s
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  DETACH DELETE sp
  RETURN count(sp) AS spans
}
UNWIND doomed AS s
WITH s, s.id AS id, outcomes, spans
DETACH DELETE s
RETURN collect(id) AS sessionIds, spans, outcomes
