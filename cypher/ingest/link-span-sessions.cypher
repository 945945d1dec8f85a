// (:Session)-[:HAS_SPAN]->(:Span). The session may not have arrived yet (live events, OTLP): it is
// created as an open placeholder and completed when its own record comes.
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.id})
MERGE (s:Session {projectId: $projectId, id: row.sessionId})
ON CREATE SET s.placeholder = true, s.status = 'open'
MERGE (s)-[:HAS_SPAN]->(sp)
RETURN count(*) AS linked
