// Sub-agent spawns: the outcome is recorded on the SUBAGENT span (linked / missing / refused), and
// a linked spawn gets (:Span)-[:SPAWNED]->(:Session) into the child session, which may arrive later
// (placeholder). Spawn edges are kept apart from span parentage (DESIGN §4). A spawn already
// linked in the graph is not downgraded to `missing` when its parent is re-imported without the
// child beside it.
UNWIND $rows AS row
MATCH (sp:Span {projectId: $projectId, id: row.spanId})
WITH sp, row, EXISTS { (sp)-[:SPAWNED]->(:Session) } AS alreadyLinked
SET sp.spawnStatus = CASE WHEN alreadyLinked AND row.status IN ['missing', 'pending'] THEN sp.spawnStatus ELSE row.status END,
    sp.spawnTask = row.task, sp.spawnTaskKey = row.taskKey, sp.spawnLabel = row.label,
    sp.spawnLinkedBy = CASE WHEN alreadyLinked AND row.status IN ['missing', 'pending'] THEN sp.spawnLinkedBy ELSE row.linkedBy END,
    sp.childSessionId = coalesce(row.childSessionId, sp.childSessionId)
WITH sp, row WHERE row.childSessionId IS NOT NULL
MERGE (child:Session {projectId: $projectId, id: row.childSessionId})
ON CREATE SET child.placeholder = true, child.status = 'open', child.pending = true, child.pendingSince = $now, child.dirtyAt = $now
SET child.parentSessionId = row.parentSessionId, child.parentSpanId = row.spanId
MERGE (sp)-[:SPAWNED]->(child)
RETURN count(*) AS linked
