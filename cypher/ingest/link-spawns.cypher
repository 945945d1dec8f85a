// Sub-agent spawns: the outcome is recorded on the SUBAGENT span (linked / missing / refused), and
// a linked spawn gets (:Span)-[:SPAWNED]->(:Session) into the child session, which may arrive later
// (placeholder). Spawn edges are kept apart from span parentage (DESIGN §4).
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.spanId})
SET sp.spawnStatus = row.status, sp.spawnTask = row.task, sp.spawnLabel = row.label,
    sp.spawnLinkedBy = row.linkedBy, sp.childSessionId = row.childSessionId
WITH sp, row WHERE row.childSessionId IS NOT NULL
MERGE (child:Session {projectId: $projectId, id: row.childSessionId})
ON CREATE SET child.placeholder = true, child.status = 'open'
SET child.parentSessionId = row.parentSessionId, child.parentSpanId = row.spanId
MERGE (sp)-[:SPAWNED]->(child)
RETURN count(*) AS linked
