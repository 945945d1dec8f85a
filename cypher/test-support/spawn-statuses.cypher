// Spawn outcomes (linked / missing / refused) of one session's SUBAGENT spans.
MATCH (:Session {projectId: $projectId, id: $sessionId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})
RETURN sp.spawnStatus AS status, count(*) AS n
ORDER BY status
