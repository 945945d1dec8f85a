// Test support: how many usage cells and NEXT links a session has, to check that finalisation steps
// run twice at once leave one copy (test/integration/finalise-concurrent.test.ts).
MATCH (s:Session {projectId: $projectId, id: $sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[has]->(c) WHERE type(has) = 'HAS_USAGE'
  RETURN count(c) AS cells
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(:Span)-[n]->(:Span) WHERE type(n) = 'NEXT'
  RETURN count(n) AS nextLinks
}
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  RETURN count(sp) AS spans
}
RETURN cells, nextLinks, spans
