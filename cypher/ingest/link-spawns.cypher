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
    sp.childSessionId = coalesce(row.childSessionId, sp.childSessionId),
    sp.spawnChildSessionKey = row.childSessionKey
WITH sp, row WHERE row.childSessionId IS NOT NULL
MERGE (child:Session {projectId: $projectId, id: row.childSessionId})
ON CREATE SET child.placeholder = true, child.status = 'open', child.pending = true, child.pendingSince = $now, child.dirtyAt = $now
// What the spawn says about the child holds whichever of the two files came first: its session
// key, and its agent type over a fallback name (rank 1) the child's own file could only guess.
SET child.parentSessionId = row.parentSessionId, child.parentSpanId = row.spanId,
    child.sessionKey = coalesce(child.sessionKey, row.childSessionKey)
MERGE (sp)-[:SPAWNED]->(child)
WITH child, row
CALL (child, row) {
  WITH child, row
  WHERE row.childAgent IS NOT NULL AND (child.agentId IS NULL OR coalesce(child.agentRank, 0) > 0)
  SET child.agentId = row.childAgent, child.agentName = row.childAgent, child.agentRank = 0
  WITH child
  OPTIONAL MATCH (child)-[stale:RUN_BY]->(old:Agent)
  DELETE stale
  // An agent only this fallback named is not an agent of the project.
  WITH child, old
  CALL (old) {
    WITH old WHERE old IS NOT NULL AND NOT EXISTS { (:Session)-[:RUN_BY]->(old) }
    DELETE old
  }
  WITH DISTINCT child
  MERGE (a:Agent {projectId: $projectId, id: child.agentId})
  ON CREATE SET a.name = child.agentName
  MERGE (child)-[:RUN_BY]->(a)
}
RETURN count(*) AS linked
