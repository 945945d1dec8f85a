// (:Span)-[:NEXT]->(:Span): the order of spans within each given session, rebuilt from scratch
// (by start time, then seq) so late or out-of-order spans end up in the right place.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(:Span)-[old:NEXT]->(:Span)
  DELETE old
}
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WITH sp ORDER BY sp.startedAt, sp.seq
  WITH collect(sp) AS ordered
  UNWIND range(0, size(ordered) - 2) AS i
  WITH ordered[i] AS a, ordered[i + 1] AS b
  CREATE (a)-[:NEXT]->(b)
}
RETURN count(s) AS sessions
