// Test support: one session holding the given spans as they are stored (kind, effect, status,
// resource, startedAt), for property tests of the redundancy rules without the ingest pipeline.
MERGE (s:Session {projectId: $projectId, id: $sessionId})
WITH s
UNWIND $spans AS row
CREATE (s)-[:HAS_SPAN]->(sp:Span {projectId: $projectId, id: row.id})
SET sp += row.props, sp.sessionId = $sessionId
RETURN count(sp) AS created
