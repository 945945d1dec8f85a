// Span nodes with their (:Session)-[:HAS_SPAN]->(:Span) edge, idempotent by (projectId, id). The
// sessions exist already (ingest/ensure-sessions runs first). A span first created as a placeholder
// (its child arrived first) is completed here.
UNWIND $rows AS row
MERGE (sp:Span {projectId: $projectId, id: row.id})
SET sp += row.props, sp.placeholder = false
WITH sp, row
MATCH (s:Session {projectId: $projectId, id: row.sessionId})
MERGE (s)-[:HAS_SPAN]->(sp)
RETURN count(sp) AS written
